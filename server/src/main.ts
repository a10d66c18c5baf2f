// Placeholder replaced below.
export function startServer(): void {}
