// The Analytics module. See README.md for what it does.
