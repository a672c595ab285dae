"""Pages: layout only. Each file is the outline of one page; its sections live in impact/views/sections/."""
