// The credit page is drawn on the server (autoescaped); it needs no script of its own.
