// The IMAPClient module. See README.md for what it does.
