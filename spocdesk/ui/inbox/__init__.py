"""The Inbox page: captured e-mail no rule could file, triaged from the keyboard."""
