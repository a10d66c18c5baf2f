-- Sourced by test/editors/neovim.test.ts once go.mod is loaded: waits, each
-- step against one deadline, for the go-mod-hygiene client to attach, for its
-- diagnostics and for a hover on the requirement on line $GMH_PROBE_LINE
-- (0-based), writes what it saw to $GMH_PROBE_OUT as JSON, and quits. Every
-- outcome, errors included, ends in that file, so the test never has to guess.
local out = os.getenv('GMH_PROBE_OUT')
local line = tonumber(os.getenv('GMH_PROBE_LINE'))
local codes = vim.split(os.getenv('GMH_PROBE_CODES') or '', ',', { trimempty = true })
local deadline = vim.loop.hrtime() / 1e6 + tonumber(os.getenv('GMH_PROBE_TIMEOUT_MS') or '20000')
local started = vim.loop.hrtime() / 1e6
local result = { steps = {} }

local function now() return vim.loop.hrtime() / 1e6 end
local function left() return math.max(0, math.floor(deadline - now())) end
local function step(name) result.steps[#result.steps + 1] = { name = name, ms = math.floor(now() - started) } end

local function our_client(buf)
  for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
    if c.name == 'go-mod-hygiene' and c.initialized then return c end
  end
end

local function has_codes(buf)
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do seen[tostring(d.code)] = true end
  for _, c in ipairs(codes) do
    if not seen[c] then return false end
  end
  return true
end

local function hover_text(responses)
  for _, r in pairs(responses or {}) do
    local contents = r.result and r.result.contents
    if type(contents) == 'table' and type(contents.value) == 'string' then return contents.value end
  end
end

local function probe()
  local buf = vim.api.nvim_get_current_buf()
  result.nvim = vim.version()
  result.filetype = vim.bo[buf].filetype
  if not vim.wait(left(), function() return our_client(buf) ~= nil end, 20) then
    error('no initialized go-mod-hygiene client attached to ' .. vim.api.nvim_buf_get_name(buf))
  end
  result.root_dir = our_client(buf).config.root_dir
  step('attached')

  -- Facts come from the proxy in the background; the diagnostics are published again when they arrive.
  local complete = vim.wait(left(), function() return has_codes(buf) end, 20)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    result.diagnostics[#result.diagnostics + 1] =
      { lnum = d.lnum, col = d.col, severity = d.severity, code = d.code, source = d.source, message = d.message }
  end
  if not complete then error('diagnostics without all of: ' .. table.concat(codes, ', ')) end
  step('diagnostics')

  local params = { textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = line, character = 2 } }
  repeat
    -- buf_request_sync waits for the answer itself; the loop covers a hover answered before the facts.
    result.hover = hover_text(vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, math.max(1, left())))
    if result.hover and result.hover:find('Retracted', 1, true) then break end
    vim.wait(math.min(50, left()))
  until left() == 0
  step('hover')
end

local ok, err = xpcall(probe, debug.traceback)
if not ok then result.error = tostring(err) end
local f = io.open(out, 'w')
if f then
  f:write(vim.fn.json_encode(result))
  f:close()
end
vim.cmd('qa!')
