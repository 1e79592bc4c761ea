package server

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ssojet-tools/loginlogs/gen/ssojetapi"
	"github.com/ssojet-tools/loginlogs/internal/store"
)

// The demo tenant: the client of the contract's examples and the user of SSOJet's page.
const (
	DemoClientID = "cli_cq2k021saqbs710j7ftg.edce6a1f"
	DemoUserID   = "6694c154565dfee5166d1cc7"
)

// DemoLogs returns the 24 login logs of the contract's own 200 example (SSOJet's page), so that
// the seed has one copy only: the spec.
func DemoLogs(doc *openapi3.T) ([]store.LoginLog, error) {
	item := doc.Paths.Value("/users/{userid}/loginlogs")
	if item == nil || item.Get == nil {
		return nil, fmt.Errorf("contract has no GET /users/{userid}/loginlogs")
	}
	res := item.Get.Responses.Status(200)
	if res == nil || res.Value == nil || res.Value.Content["application/json"] == nil {
		return nil, fmt.Errorf("contract has no 200 application/json response")
	}
	raw, err := json.Marshal(res.Value.Content["application/json"].Example)
	if err != nil {
		return nil, fmt.Errorf("encode the 200 example: %w", err)
	}
	var body ssojetapi.LoginLogsResponse
	if err := json.Unmarshal(raw, &body); err != nil {
		return nil, fmt.Errorf("decode the 200 example: %w", err)
	}
	logs := make([]store.LoginLog, len(body.LoginLogs))
	for i, l := range body.LoginLogs {
		logs[i] = store.LoginLog{
			IPAddress: l.IpAddress, Country: l.Country, City: l.City, UserAgent: l.UserAgent,
			Name: l.Name, OS: l.Os, Device: l.Device, CreatedAt: l.CreatedAt.UTC(),
		}
	}
	return logs, nil
}

// Seeder is what seeding needs of a store.
type Seeder interface {
	HasUsers(ctx context.Context) (bool, error)
	AddLoginLogs(ctx context.Context, clientID, userID string, logs []store.LoginLog) error
}

// SeedDemo gives the demo user of the demo client the contract example's logs when the store has
// no users at all. It reports whether it seeded.
func SeedDemo(ctx context.Context, st Seeder, doc *openapi3.T) (bool, error) {
	has, err := st.HasUsers(ctx)
	if err != nil {
		return false, fmt.Errorf("seed: %w", err)
	}
	if has {
		return false, nil
	}
	logs, err := DemoLogs(doc)
	if err != nil {
		return false, fmt.Errorf("seed: %w", err)
	}
	if err := st.AddLoginLogs(ctx, DemoClientID, DemoUserID, logs); err != nil {
		return false, fmt.Errorf("seed: %w", err)
	}
	return true, nil
}
