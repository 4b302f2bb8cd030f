//! Every fact that differs between Kubernetes releases, in one table (issue #16).
