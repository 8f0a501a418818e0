// The IMAP module. See README.md for what it does.
