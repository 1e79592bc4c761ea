module github.com/ssojet-tools/loginlogs/internal/jsonstream

go 1.26.0
