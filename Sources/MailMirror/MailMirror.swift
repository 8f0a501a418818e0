// The MailMirror module. See README.md for what it does.
