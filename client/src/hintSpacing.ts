// VS Code draws an inlay hint's paddingLeft as a third of the font size, so
// "v1.0.0→ v1.1.0" reads as one word. Each hint gets one no-break space at its
// start as well: every gap (after the version and between hints) is the same,
// and wide enough to read. Other editors draw the padding their own way, so the
// server's labels stay plain and this lives in the VS Code client only.
import type { Middleware } from 'vscode-languageclient/node';

const NO_BREAK_SPACE = '\u00a0';

export const hintSpacingMiddleware: Middleware = {
  provideInlayHints: async (document, range, token, next) => {
    const hints = await next(document, range, token);
    for (const hint of hints ?? []) {
      if (hint.paddingLeft && typeof hint.label === 'string' && !hint.label.startsWith(NO_BREAK_SPACE)) hint.label = NO_BREAK_SPACE + hint.label;
    }
    return hints;
  },
};
