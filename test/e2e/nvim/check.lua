-- Neovim's own LSP client (0.7+) against the Marginalia server: open an
-- article, wait for diagnostics, ask for a hover and a definition, and
-- write what came back as JSON for the test to read.
local article = os.getenv('MARGINALIA_ARTICLE')
local server = os.getenv('MARGINALIA_SERVER')
local out = os.getenv('MARGINALIA_OUT')
local line = tonumber(os.getenv('MARGINALIA_LINE'))
local character = tonumber(os.getenv('MARGINALIA_CHARACTER'))

local function finish(result)
  local file = io.open(out, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qa!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(article))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'marginalia',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(article, ':h'),
})
vim.lsp.buf_attach_client(bufnr, client_id)

local got_diagnostics = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
if not got_diagnostics then
  finish({ error = 'no diagnostics within 20 s' })
  return
end

local client = vim.lsp.get_client_by_id(client_id)
local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = line, character = character } }
local hover = client.request_sync('textDocument/hover', params, 10000, bufnr)
local definition = client.request_sync('textDocument/definition', params, 10000, bufnr)
local codes = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(codes, d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '')
end
finish({
  hover = hover and hover.result and hover.result.contents and hover.result.contents.value or vim.NIL,
  definition = definition and definition.result or vim.NIL,
  diagnostics = codes,
})
