//! The typed registry of finding rules (issue #17): id, severity, title, help, FAQ entries.
