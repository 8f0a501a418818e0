// The Store module. See README.md for what it does.
