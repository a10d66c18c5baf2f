-- The Neovim configuration the README offers for go-mod-hygiene, exactly as
-- test/editors/neovim.test.ts runs it: the test replaces only the `cmd` line
-- (with node and this checkout's dist/cli.js), so the README snippet is what
-- gets tested. It works from Neovim 0.7 (Debian bookworm) on; 0.8 added
-- vim.lsp.start, which reuses a running server by name and root.

-- Neovim already names these filetypes; saying so keeps the setup
-- independent of the runtime's filetype detection.
vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, { pattern = 'go.mod', command = 'setfiletype gomod' })
vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, { pattern = 'go.work', command = 'setfiletype gowork' })

local go_mod_hygiene_clients = {} -- Neovim 0.7: one server per root, by hand
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'gomod', 'gowork' },
  callback = function(args)
    -- The root: the go.work above the file if there is one (one server for the workspace), else its directory.
    local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
    local work = vim.fn.findfile('go.work', dir .. ';')
    local config = {
      name = 'go-mod-hygiene',
      cmd = { 'go-mod-hygiene', 'lsp', '--stdio' },
      -- Lets the server run the go command (quick fixes, go env); leave it out for untrusted checkouts.
      init_options = { trusted = true },
      root_dir = work ~= '' and vim.fn.fnamemodify(work, ':p:h') or dir,
    }
    if vim.lsp.start then
      vim.lsp.start(config, { bufnr = args.buf })
    else
      local id = go_mod_hygiene_clients[config.root_dir] or vim.lsp.start_client(config)
      go_mod_hygiene_clients[config.root_dir] = id
      vim.lsp.buf_attach_client(args.buf, id)
    end
  end,
})
