// Package realworld locates the real-world test data kept beside the
// project in ../shared/testdata. Tests that need it skip when it is absent,
// and fail instead when DEVPROOF_REALWORLD=required.
package realworld
