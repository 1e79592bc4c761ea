// Package storetest is the conformance suite every login-log store passes: the SQLite and the
// PostgreSQL store run the same cases, so they behave the same behind the server.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/store"
)

// Store is what the suite exercises: the methods the server and the importer use.
type Store interface {
	ScanLoginLogs(ctx context.Context, clientID, userID string, fn store.ScanFunc) (int64, error)
	UserVersion(ctx context.Context, clientID, userID string) (int64, error)
	AddLoginLogs(ctx context.Context, clientID, userID string, logs []store.LoginLog) error
	HasUsers(ctx context.Context) (bool, error)
	Ping(ctx context.Context) error
}

// Run runs the suite; open returns a new, empty store for each case.
func Run(t *testing.T, open func(t *testing.T) Store) {
	t.Helper()
	cases := []struct {
		name string
		test func(t *testing.T, s Store)
	}{
		{"empty store has no users", testEmpty},
		{"unknown user is ErrUserNotFound", testUnknownUser},
		{"user without logs has an empty non-nil list", testNoLogs},
		{"logs come back oldest first and exact", testOrderAndRoundTrip},
		{"a large batch comes back whole, ties in the order added", testLargeBatch},
		{"clients never see each other's users", testTenancy},
		{"appending keeps earlier logs", testAppend},
		{"out-of-range time writes nothing", testAtomic},
		{"ping", testPing},
		{"the version changes with every write and only then", testVersion},
		{"a scan stops at the callback's error", testScanStops},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.test(t, open(t)) })
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	ts, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return ts.UTC()
}

func entry(t *testing.T, ip, created string) store.LoginLog {
	return store.LoginLog{IPAddress: ip, Country: "India", City: "Jaipur", Name: "Amazon CloudFront", CreatedAt: mustTime(t, created)}
}

func testEmpty(t *testing.T, s Store) {
	ctx := t.Context()
	has, err := s.HasUsers(ctx)
	if err != nil || has {
		t.Fatalf("HasUsers on a new store = %v, %v; want false, nil", has, err)
	}
	if err := s.AddLoginLogs(ctx, "c1", "u1", nil); err != nil {
		t.Fatalf("AddLoginLogs(c1, u1, none): %v", err)
	}
	has, err = s.HasUsers(ctx)
	if err != nil || !has {
		t.Fatalf("HasUsers after adding a user = %v, %v; want true, nil", has, err)
	}
}

func testUnknownUser(t *testing.T, s Store) {
	logs, err := store.List(t.Context(), s, "c1", "nobody")
	if !errors.Is(err, store.ErrUserNotFound) {
		t.Fatalf("store.List(c1, nobody) = %v, %v; want ErrUserNotFound", logs, err)
	}
}

func testNoLogs(t *testing.T, s Store) {
	ctx := t.Context()
	if err := s.AddLoginLogs(ctx, "c1", "u1", []store.LoginLog{}); err != nil {
		t.Fatalf("AddLoginLogs: %v", err)
	}
	logs, err := store.List(ctx, s, "c1", "u1")
	if err != nil {
		t.Fatalf("store.List(c1, u1): %v", err)
	}
	if logs == nil || len(logs) != 0 {
		t.Fatalf("store.List(c1, u1) = %#v; want an empty non-nil slice", logs)
	}
}

func testOrderAndRoundTrip(t *testing.T, s Store) {
	ctx := t.Context()
	// Added out of order, with 0 to 9 fractional digits and an IPv6 address.
	in := []store.LoginLog{
		entry(t, "10.0.0.3", "2024-07-11T07:21:15.14Z"),
		entry(t, "10.0.0.1", "2024-07-10T12:16:19Z"),
		entry(t, "2001:db8::1", "2024-07-11T07:21:15.140000001Z"),
		entry(t, "10.0.0.2", "2024-07-10T13:18:37.031Z"),
	}
	in[0].UserAgent, in[0].OS, in[0].Device, in[0].City = "Mozilla/5.0", "Linux", "Desktop", "UnknownCity"
	if err := s.AddLoginLogs(ctx, "c1", "u1", in); err != nil {
		t.Fatalf("AddLoginLogs: %v", err)
	}
	got, err := store.List(ctx, s, "c1", "u1")
	if err != nil {
		t.Fatalf("store.List: %v", err)
	}
	want := []store.LoginLog{in[1], in[3], in[0], in[2]}
	if len(got) != len(want) {
		t.Fatalf("store.List: %d logs, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("log %d = %+v, want %+v", i, got[i], want[i])
		}
		if g, w := got[i].CreatedAt.Format(time.RFC3339Nano), want[i].CreatedAt.Format(time.RFC3339Nano); g != w {
			t.Errorf("log %d CreatedAt = %s, want %s", i, g, w)
		}
	}
}

// testLargeBatch adds more logs in one call than a store writes per statement, and a few more,
// so that a store writing a batch in pieces writes every piece and keeps the order of equal times.
func testLargeBatch(t *testing.T, s Store) {
	ctx := t.Context()
	start := mustTime(t, "2024-07-10T12:16:19.647Z")
	in := make([]store.LoginLog, 2503)
	for i := range in {
		in[i] = store.LoginLog{
			IPAddress: fmt.Sprintf("10.0.%d.%d", i/256, i%256), Country: "India", City: "Jaipur",
			UserAgent: fmt.Sprint("agent ", i%7), Name: "Amazon CloudFront", OS: "Linux", Device: "Desktop",
			CreatedAt: start.Add(time.Duration(i/2) * time.Millisecond), // pairs of equal times
		}
	}
	if err := s.AddLoginLogs(ctx, "c1", "u1", in); err != nil {
		t.Fatalf("AddLoginLogs(%d logs): %v", len(in), err)
	}
	got, err := store.List(ctx, s, "c1", "u1")
	if err != nil {
		t.Fatalf("store.List: %v", err)
	}
	if len(got) != len(in) {
		t.Fatalf("store.List: %d logs, want %d", len(got), len(in))
	}
	for i := range in {
		if got[i] != in[i] {
			t.Fatalf("log %d = %+v, want %+v", i, got[i], in[i])
		}
	}
}

func testTenancy(t *testing.T, s Store) {
	ctx := t.Context()
	if err := s.AddLoginLogs(ctx, "clientA", "u1", []store.LoginLog{entry(t, "1.1.1.1", "2024-01-01T00:00:00Z")}); err != nil {
		t.Fatalf("AddLoginLogs(clientA, u1): %v", err)
	}
	if err := s.AddLoginLogs(ctx, "clientB", "u2", []store.LoginLog{entry(t, "2.2.2.2", "2024-01-01T00:00:00Z")}); err != nil {
		t.Fatalf("AddLoginLogs(clientB, u2): %v", err)
	}
	if logs, err := store.List(ctx, s, "clientB", "u1"); !errors.Is(err, store.ErrUserNotFound) {
		t.Errorf("store.List(clientB, u1 of clientA) = %v, %v; want ErrUserNotFound", logs, err)
	}
	// The same user id in two clients is two users.
	if err := s.AddLoginLogs(ctx, "clientB", "u1", []store.LoginLog{entry(t, "3.3.3.3", "2024-01-02T00:00:00Z")}); err != nil {
		t.Fatalf("AddLoginLogs(clientB, u1): %v", err)
	}
	for _, c := range []struct{ client, ip string }{{"clientA", "1.1.1.1"}, {"clientB", "3.3.3.3"}} {
		logs, err := store.List(ctx, s, c.client, "u1")
		if err != nil || len(logs) != 1 || logs[0].IPAddress != c.ip {
			t.Errorf("store.List(%s, u1) = %+v, %v; want the one log from %s", c.client, logs, err, c.ip)
		}
	}
}

func testAppend(t *testing.T, s Store) {
	ctx := t.Context()
	for _, ts := range []string{"2024-01-02T00:00:00Z", "2024-01-01T00:00:00Z"} {
		if err := s.AddLoginLogs(ctx, "c1", "u1", []store.LoginLog{entry(t, "1.1.1.1", ts)}); err != nil {
			t.Fatalf("AddLoginLogs(%s): %v", ts, err)
		}
	}
	logs, err := store.List(ctx, s, "c1", "u1")
	if err != nil {
		t.Fatalf("store.List: %v", err)
	}
	var got []string
	for _, l := range logs {
		got = append(got, l.CreatedAt.Format(time.RFC3339Nano))
	}
	if want := []string{"2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"}; !slices.Equal(got, want) {
		t.Errorf("store.List after two adds = %v, want %v", got, want)
	}
}

func testAtomic(t *testing.T, s Store) {
	ctx := t.Context()
	bad := []store.LoginLog{entry(t, "1.1.1.1", "2024-01-01T00:00:00Z"), entry(t, "1.1.1.2", "3000-01-01T00:00:00Z")}
	err := s.AddLoginLogs(ctx, "c1", "u1", bad)
	if !errors.Is(err, store.ErrTimeOutOfRange) {
		t.Fatalf("AddLoginLogs with year 3000 = %v; want ErrTimeOutOfRange", err)
	}
	if logs, err := store.List(ctx, s, "c1", "u1"); !errors.Is(err, store.ErrUserNotFound) {
		t.Errorf("after a failed add, store.List = %v, %v; want ErrUserNotFound (nothing written)", logs, err)
	}
}

func testPing(t *testing.T, s Store) {
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping: %v", err)
	}
}

func testVersion(t *testing.T, s Store) {
	ctx := t.Context()
	if _, err := s.UserVersion(ctx, "cli_a", "u1"); !errors.Is(err, store.ErrUserNotFound) {
		t.Fatalf("UserVersion of an unknown user: %v, want ErrUserNotFound", err)
	}
	if _, err := s.ScanLoginLogs(ctx, "cli_a", "u1", func(int64, *store.LoginLog) error { return nil }); !errors.Is(err, store.ErrUserNotFound) {
		t.Fatalf("ScanLoginLogs of an unknown user: %v, want ErrUserNotFound", err)
	}
	var versions []int64
	for i, batch := range [][]store.LoginLog{
		{entry(t, "1.1.1.1", "2024-07-10T12:16:19.647Z")},
		{},
		{entry(t, "2.2.2.2", "2024-07-11T12:16:19Z"), entry(t, "3.3.3.3", "2024-07-12T12:16:19Z")},
	} {
		if err := s.AddLoginLogs(ctx, "cli_a", "u1", batch); err != nil {
			t.Fatalf("AddLoginLogs #%d: %v", i, err)
		}
		v, err := s.UserVersion(ctx, "cli_a", "u1")
		if err != nil {
			t.Fatalf("UserVersion after write #%d: %v", i, err)
		}
		again, err := s.UserVersion(ctx, "cli_a", "u1")
		if err != nil || again != v {
			t.Fatalf("UserVersion read twice: %d then %d (%v), want the same without a write", v, again, err)
		}
		var n int
		scanned, err := s.ScanLoginLogs(ctx, "cli_a", "u1", func(sv int64, _ *store.LoginLog) error {
			n++
			if sv != v {
				t.Errorf("ScanFunc after write #%d got version %d, want %d", i, sv, v)
			}
			return nil
		})
		if err != nil || scanned != v {
			t.Fatalf("ScanLoginLogs after write #%d: version %d (%v), want %d as UserVersion says", i, scanned, err, v)
		}
		if len(versions) > 0 && v <= versions[len(versions)-1] {
			t.Errorf("version after write #%d is %d, not above the previous %d", i, v, versions[len(versions)-1])
		}
		versions = append(versions, v)
	}
	if err := s.AddLoginLogs(ctx, "cli_b", "u1", []store.LoginLog{entry(t, "9.9.9.9", "2024-07-10T12:16:19Z")}); err != nil {
		t.Fatal(err)
	}
	if v, err := s.UserVersion(ctx, "cli_a", "u1"); err != nil || v != versions[len(versions)-1] {
		t.Errorf("another client's write changed cli_a/u1's version to %d (%v), want %d", v, err, versions[len(versions)-1])
	}
}

func testScanStops(t *testing.T, s Store) {
	ctx := t.Context()
	logs := []store.LoginLog{
		entry(t, "1.1.1.1", "2024-07-10T12:16:19Z"), entry(t, "2.2.2.2", "2024-07-11T12:16:19Z"), entry(t, "3.3.3.3", "2024-07-12T12:16:19Z"),
	}
	if err := s.AddLoginLogs(ctx, "cli_a", "u1", logs); err != nil {
		t.Fatal(err)
	}
	stop := errors.New("enough")
	var seen []string
	_, err := s.ScanLoginLogs(ctx, "cli_a", "u1", func(_ int64, l *store.LoginLog) error {
		seen = append(seen, l.IPAddress)
		if len(seen) == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || !slices.Equal(seen, []string{"1.1.1.1", "2.2.2.2"}) {
		t.Errorf("ScanLoginLogs stopped by its callback: saw %v, err %v; want the first two, then the callback's error", seen, err)
	}
}
