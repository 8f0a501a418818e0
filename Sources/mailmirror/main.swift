// Entry point: everything happens in the MailMirror library.
