//! Diagnosis of real image-pull failures from the evidence a user has (issue #18):
//! `kubectl describe pod` output, Pod objects with status, events and Node objects.
