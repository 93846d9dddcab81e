//! The migration package: the files a DBA downloads (scripts, checks, runbook) in the layout
//! of a migration tool, and the zip that holds them.
