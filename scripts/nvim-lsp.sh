#!/usr/bin/env bash
# A real editor as the client of `lectern lsp`: Neovim (headless, its built-in LSP client)
# opens a deck with three mistakes and prints the diagnostics it received, then asks for a
# completion, a hover and the quick fixes at the first one.
#   scripts/nvim-lsp.sh
# Needs: neovim (apt; 0.7 or later).
set -euo pipefail
cargo build --release --quiet
lectern=$PWD/target/release/lectern
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/broken.ron" <<'DECK'
Deck(
    title: "Broken",
    languages: ["en", "kk"],
    slides: [
        Title(title: {"en": "One", "kk": "Бір"} subtitle: "missing comma"),
        Bulets(title: {"en": "Two", "kk": "Екі"}, items: []),
        Section(title: {"en": "Three", "kz": "Үш"}),
    ],
)
DECK
cat > "$dir/init.lua" <<LUA
local out = function(line) io.stdout:write(line .. '\n') end
local client = vim.lsp.start_client({ name = 'lectern', cmd = { '$lectern', 'lsp' }, root_dir = '$dir' })
vim.cmd('edit $dir/broken.ron')
vim.lsp.buf_attach_client(0, client)
vim.wait(10000, function() return #vim.diagnostic.get(0) > 0 end, 50)
out('diagnostics received by Neovim:')
for _, d in ipairs(vim.diagnostic.get(0)) do
  local message = d.message:gsub('\n', ' | ')
  out(string.format('  broken.ron:%d:%d %s: %s', d.lnum + 1, d.col + 1, vim.diagnostic.severity[d.severity], message))
end
local uri = vim.uri_from_bufnr(0)
local function request(method, params)
  local replies = vim.lsp.buf_request_sync(0, method, params, 5000) or {}
  for _, reply in pairs(replies) do return reply.result end
end
local items = request('textDocument/completion', { textDocument = { uri = uri }, position = { line = 5, character = 8 } }) or {}
local labels = {}
for _, item in ipairs(items) do table.insert(labels, item.label) end
out('completion at the start of slide 2: ' .. table.concat(labels, ', '))
local hover = request('textDocument/hover', { textDocument = { uri = uri }, position = { line = 4, character = 50 } })
out('hover on "subtitle": ' .. (hover and hover.contents.value or 'none'))
-- The diagnostics as the server sent them (with the fix in their data), as an editor passes
-- them back when the user asks for code actions on a line.
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(diagnostics, { message = d.message, data = lsp.data,
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } } })
end
local actions = request('textDocument/codeAction', { textDocument = { uri = uri },
  range = { start = { line = 5, character = 8 }, ['end'] = { line = 6, character = 0 } },
  context = { diagnostics = diagnostics } }) or {}
for _, action in ipairs(actions) do out('quick fix offered: ' .. action.title) end
vim.lsp.stop_client(client)
vim.cmd('qa!')
LUA
nvim --headless --noplugin -u "$dir/init.lua"
