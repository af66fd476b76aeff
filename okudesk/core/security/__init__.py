"""Accounts and passphrases, officers' and posts' keys and certificates, the PKI they use."""
