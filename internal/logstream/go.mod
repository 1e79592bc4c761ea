module github.com/ssojet-tools/loginlogs/internal/logstream

go 1.26.0

require (
	github.com/ssojet-tools/loginlogs/gen/ssojet v0.0.0-00010101000000-000000000000
	github.com/ssojet-tools/loginlogs/internal/jsonstream v0.0.0-00010101000000-000000000000
	github.com/ssojet-tools/loginlogs/internal/redact v0.0.0-00010101000000-000000000000
)

require (
	github.com/apapsch/go-jsonmerge/v2 v2.0.0 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/oapi-codegen/runtime v1.9.0 // indirect
)

// The modules of this repository are used from their directories here; a user's go.mod ignores
// these lines and takes the versions required above (docs/releasing.md).
replace (
	github.com/ssojet-tools/loginlogs/gen/ssojet => ../../gen/ssojet
	github.com/ssojet-tools/loginlogs/internal/jsonstream => ../jsonstream
	github.com/ssojet-tools/loginlogs/internal/redact => ../redact
)
