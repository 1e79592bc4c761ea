module github.com/ssojet-tools/loginlogs/internal/redact

go 1.26.0
