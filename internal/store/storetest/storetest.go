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

// Store is what the suite exercises: the methods the server, the importer and the delete verb
// use.
type Store interface {
	ScanLoginLogs(ctx context.Context, clientID, userID string, fn store.ScanFunc) (int64, error)
	UserVersion(ctx context.Context, clientID, userID string) (int64, error)
	AddLoginLogs(ctx context.Context, clientID, userID string, logs []store.LoginLog) error
	AddLoginLogsIf(ctx context.Context, clientID, userID string, version int64, logs []store.LoginLog) (int64, error)
	ReplaceLoginLogs(ctx context.Context, clientID, userID string, fill func(add func([]store.LoginLog) error) error) error
	DeleteUser(ctx context.Context, clientID, userID string) error
	HasUsers(ctx context.Context) (bool, error)
	Ping(ctx context.Context) error
}

// ExecFunc runs one SQL statement (literal values, no parameters) on a store's database through
// a connection of its own, as an operator's SQL shell or another tool would, behind the store's
// back.
type ExecFunc func(ctx context.Context, sql string) error

// Run runs the suite; open returns a new, empty store for each case and the ExecFunc of its
// database.
func Run(t *testing.T, open func(t *testing.T) (Store, ExecFunc)) {
	t.Helper()
	cases := []struct {
		name string
		test func(t *testing.T, s Store, exec ExecFunc)
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
		{"deleting logs with SQL changes the user's version", testSQLDeleteBumps},
		{"updating logs with SQL changes the versions of the users involved", testSQLUpdateBumps},
		{"updating a users row with SQL never keeps or lowers its version", testSQLUsersUpdateBumps},
		{"DeleteUser removes the user and its logs, and nothing else", testDeleteUser},
		{"ReplaceLoginLogs swaps one user's logs in one transaction, again without duplicates", testReplace},
		{"a failed ReplaceLoginLogs leaves the logs as they were", testReplaceFails},
		{"ReplaceLoginLogs creates a missing user", testReplaceCreates},
		{"any id is a user or no user, never an error", testAnyID},
		{"AddLoginLogsIf writes at the user's version only, and returns the new one", testAddIf},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, exec := open(t)
			c.test(t, s, exec)
		})
	}
}

// add adds logs to the user userID of clientID, failing the test on error.
func add(t *testing.T, s Store, clientID, userID string, logs ...store.LoginLog) {
	t.Helper()
	if err := s.AddLoginLogs(t.Context(), clientID, userID, logs); err != nil {
		t.Fatalf("AddLoginLogs(%s, %s, %d logs): %v", clientID, userID, len(logs), err)
	}
}

// entry is a log from ip at created (RFC 3339), failing the test if created does not parse.
func entry(t *testing.T, ip, created string) store.LoginLog {
	t.Helper()
	ts, err := time.Parse(time.RFC3339Nano, created)
	if err != nil {
		t.Fatalf("parse %q: %v", created, err)
	}
	return store.LoginLog{IPAddress: ip, Country: "India", City: "Jaipur", Name: "Amazon CloudFront", CreatedAt: ts.UTC()}
}

func testEmpty(t *testing.T, s Store, _ ExecFunc) {
	ctx := t.Context()
	has, err := s.HasUsers(ctx)
	if err != nil || has {
		t.Fatalf("HasUsers on a new store = %v, %v; want false, nil", has, err)
	}
	add(t, s, "c1", "u1")
	has, err = s.HasUsers(ctx)
	if err != nil || !has {
		t.Fatalf("HasUsers after adding a user = %v, %v; want true, nil", has, err)
	}
}

func testUnknownUser(t *testing.T, s Store, _ ExecFunc) {
	noUser(t, s, user{"c1", "nobody"}, "on an empty store")
}

// noUser checks that store.List, UserVersion and DeleteUser all say the store has no user u
// (now, when).
func noUser(t *testing.T, s Store, u user, when string) {
	t.Helper()
	if err := s.DeleteUser(t.Context(), u.client, u.id); !errors.Is(err, store.ErrUserNotFound) {
		t.Errorf("DeleteUser(%q, %q) %s = %v; want ErrUserNotFound", u.client, u.id, when, err)
	}
	if logs, err := store.List(t.Context(), s, u.client, u.id); !errors.Is(err, store.ErrUserNotFound) {
		t.Errorf("store.List(%q, %q) %s = %v, %v; want ErrUserNotFound", u.client, u.id, when, logs, err)
	}
	if v, err := s.UserVersion(t.Context(), u.client, u.id); !errors.Is(err, store.ErrUserNotFound) {
		t.Errorf("UserVersion(%q, %q) %s = %d, %v; want ErrUserNotFound", u.client, u.id, when, v, err)
	}
}

func testNoLogs(t *testing.T, s Store, _ ExecFunc) {
	add(t, s, "c1", "u1", []store.LoginLog{}...)
	if logs := list(t, s, "c1", "u1"); logs == nil || len(logs) != 0 {
		t.Fatalf("store.List(c1, u1) = %#v; want an empty non-nil slice", logs)
	}
}

func testOrderAndRoundTrip(t *testing.T, s Store, _ ExecFunc) {
	// Added out of order, with 0 to 9 fractional digits and an IPv6 address.
	in := []store.LoginLog{
		entry(t, "10.0.0.3", "2024-07-11T07:21:15.14Z"),
		entry(t, "10.0.0.1", "2024-07-10T12:16:19Z"),
		entry(t, "2001:db8::1", "2024-07-11T07:21:15.140000001Z"),
		entry(t, "10.0.0.2", "2024-07-10T13:18:37.031Z"),
	}
	in[0].UserAgent, in[0].OS, in[0].Device, in[0].City = "Mozilla/5.0", "Linux", "Desktop", "UnknownCity"
	add(t, s, "c1", "u1", in...)
	sameLogs(t, list(t, s, "c1", "u1"), []store.LoginLog{in[1], in[3], in[0], in[2]})
}

// sameLogs checks that got holds want's logs in order, each equal to the nanosecond in UTC.
func sameLogs(t *testing.T, got, want []store.LoginLog) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("store.List: %d logs, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("log %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// testLargeBatch adds more logs in one call than a store writes per statement, and a few more,
// so that a store writing a batch in pieces writes every piece and keeps the order of equal times.
func testLargeBatch(t *testing.T, s Store, _ ExecFunc) {
	start := time.Date(2024, 7, 10, 12, 16, 19, 647_000_000, time.UTC)
	in := make([]store.LoginLog, 2503)
	for i := range in {
		in[i] = store.LoginLog{
			IPAddress: fmt.Sprintf("10.0.%d.%d", i/256, i%256), Country: "India", City: "Jaipur",
			UserAgent: fmt.Sprint("agent ", i%7), Name: "Amazon CloudFront", OS: "Linux", Device: "Desktop",
			CreatedAt: start.Add(time.Duration(i/2) * time.Millisecond), // pairs of equal times
		}
	}
	add(t, s, "c1", "u1", in...)
	sameLogs(t, list(t, s, "c1", "u1"), in)
}

func testTenancy(t *testing.T, s Store, _ ExecFunc) {
	add(t, s, "clientA", "u1", entry(t, "1.1.1.1", "2024-01-01T00:00:00Z"))
	add(t, s, "clientB", "u2", entry(t, "2.2.2.2", "2024-01-01T00:00:00Z"))
	noUser(t, s, user{"clientB", "u1"}, "when only clientA has a u1")
	// The same user id in two clients is two users.
	add(t, s, "clientB", "u1", entry(t, "3.3.3.3", "2024-01-02T00:00:00Z"))
	wantIPs(t, s, user{"clientA", "u1"}, "1.1.1.1")
	wantIPs(t, s, user{"clientB", "u1"}, "3.3.3.3")
}

// wantIPs checks that the user's logs are, oldest first, from ips.
func wantIPs(t *testing.T, s Store, u user, ips ...string) {
	t.Helper()
	logs, err := store.List(t.Context(), s, u.client, u.id)
	got := []string{}
	for _, l := range logs {
		got = append(got, l.IPAddress)
	}
	if err != nil || !slices.Equal(got, ips) {
		t.Errorf("store.List(%q, %q) = logs from %v, %v; want logs from %v", u.client, u.id, got, err, ips)
	}
}

// oddIDs are ids the contract's schemas allow (any string) that a store may not be able to hold:
// control characters, DEL, NUL, bytes that are not UTF-8, a surrogate half, non-ASCII.
var oddIDs = []string{"a\x00b", "\x00", "\x0b", "\x1a", "\x7f", "\xff\xfe", "\xed\xa0\x80", "\u009a", "é😀", "%00", "a/../b"}

// testAnyID checks that every read and delete keyed by an odd id says "no such user" when the
// store does not have it, rather than failing, and that an odd id the store could write is read
// back exactly, and only under that id.
func testAnyID(t *testing.T, s Store, _ ExecFunc) {
	ctx := t.Context()
	for _, id := range oddIDs {
		for _, u := range []user{{"cli_a", id}, {id, "u1"}, {id, id}} {
			noUser(t, s, u, "on a store without it")
		}
	}
	for i, id := range oddIDs {
		ip := fmt.Sprintf("10.0.0.%d", i)
		if err := s.AddLoginLogs(ctx, id, id, []store.LoginLog{entry(t, ip, "2024-01-01T00:00:00Z")}); err != nil {
			if errors.Is(err, store.ErrUnavailable) {
				t.Errorf("AddLoginLogs(%q, %q) = %v; a store that cannot hold the id is not unavailable", id, id, err)
			}
			continue // this store cannot hold the id: reads above say it has no such user
		}
		wantIPs(t, s, user{id, id}, ip)
	}
}

func testAppend(t *testing.T, s Store, _ ExecFunc) {
	for _, ts := range []string{"2024-01-02T00:00:00Z", "2024-01-01T00:00:00Z"} {
		add(t, s, "c1", "u1", entry(t, "1.1.1.1", ts))
	}
	if got, want := listStamps(t, s, "c1", "u1"), []string{"1.1.1.1@2024-01-01T00:00:00Z", "1.1.1.1@2024-01-02T00:00:00Z"}; !slices.Equal(got, want) {
		t.Errorf("store.List after two adds = %v, want %v", got, want)
	}
}

func testAtomic(t *testing.T, s Store, _ ExecFunc) {
	ctx := t.Context()
	bad := []store.LoginLog{entry(t, "1.1.1.1", "2024-01-01T00:00:00Z"), entry(t, "1.1.1.2", "3000-01-01T00:00:00Z")}
	err := s.AddLoginLogs(ctx, "c1", "u1", bad)
	if !errors.Is(err, store.ErrTimeOutOfRange) {
		t.Fatalf("AddLoginLogs with year 3000 = %v; want ErrTimeOutOfRange", err)
	}
	noUser(t, s, user{"c1", "u1"}, "after a failed add (nothing written)")
}

func testPing(t *testing.T, s Store, _ ExecFunc) {
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping: %v", err)
	}
}

func testVersion(t *testing.T, s Store, _ ExecFunc) {
	noUser(t, s, a1, "before any write")
	var versions []int64
	for i, batch := range [][]store.LoginLog{
		{entry(t, "1.1.1.1", "2024-07-10T12:16:19.647Z")},
		{},
		{entry(t, "2.2.2.2", "2024-07-11T12:16:19Z"), entry(t, "3.3.3.3", "2024-07-12T12:16:19Z")},
	} {
		add(t, s, "cli_a", "u1", batch...)
		v := versionOf(t, s, a1)
		if again := versionOf(t, s, a1); again != v {
			t.Fatalf("version after write #%d read twice: %d then %d, want the same without a write", i, v, again)
		}
		if len(versions) > 0 && v <= versions[len(versions)-1] {
			t.Errorf("version after write #%d is %d, not above the previous %d", i, v, versions[len(versions)-1])
		}
		versions = append(versions, v)
	}
	add(t, s, "cli_b", "u1", entry(t, "9.9.9.9", "2024-07-10T12:16:19Z"))
	if v := versionOf(t, s, a1); v != versions[len(versions)-1] {
		t.Errorf("another client's write changed %s's version to %d, want %d", a1, v, versions[len(versions)-1])
	}
}

func testScanStops(t *testing.T, s Store, _ ExecFunc) {
	ctx := t.Context()
	add(t, s, "cli_a", "u1", entry(t, "1.1.1.1", "2024-07-10T12:16:19Z"), entry(t, "2.2.2.2", "2024-07-11T12:16:19Z"), entry(t, "3.3.3.3", "2024-07-12T12:16:19Z"))
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

// user names one user of one client.
type user struct{ client, id string }

func (u user) String() string { return u.client + "/" + u.id }

// versionOf returns u's version as UserVersion and ScanLoginLogs (its result and what it hands
// its callback) all report it, failing the test if they disagree or fail.
func versionOf(t *testing.T, s Store, u user) int64 {
	t.Helper()
	v, err := s.UserVersion(t.Context(), u.client, u.id)
	if err != nil {
		t.Fatalf("UserVersion(%s): %v", u, err)
	}
	scanned, err := s.ScanLoginLogs(t.Context(), u.client, u.id, func(sv int64, _ *store.LoginLog) error {
		if sv != v {
			t.Errorf("ScanLoginLogs(%s) handed its callback version %d, want %d as UserVersion says", u, sv, v)
		}
		return nil
	})
	if err != nil || scanned != v {
		t.Fatalf("ScanLoginLogs(%s): version %d (%v), want %d as UserVersion says", u, scanned, err, v)
	}
	return v
}

// sqlStep is a statement run behind the store's back and the users whose version it must
// raise; every other watched user's version must stay as it was.
type sqlStep struct {
	sql    string
	bumped []user
}

// addTwoEach adds the users with two logs each (1.1.1.1 and 2.2.2.2) and returns their versions.
func addTwoEach(t *testing.T, s Store, users ...user) map[user]int64 {
	versions := map[user]int64{}
	for _, u := range users {
		add(t, s, u.client, u.id, entry(t, "1.1.1.1", "2024-07-10T12:16:19Z"), entry(t, "2.2.2.2", "2024-07-11T12:16:19Z"))
		versions[u] = versionOf(t, s, u)
	}
	return versions
}

// runSQLSteps adds the watched users (addTwoEach), then runs the steps in order, checking the
// versions after each.
func runSQLSteps(t *testing.T, s Store, exec ExecFunc, watched []user, steps []sqlStep) {
	t.Helper()
	ctx := t.Context()
	versions := addTwoEach(t, s, watched...)
	for _, step := range steps {
		if err := exec(ctx, step.sql); err != nil {
			t.Fatalf("SQL %q: %v", step.sql, err)
		}
		for _, u := range watched {
			v := versionOf(t, s, u)
			switch {
			case slices.Contains(step.bumped, u) && v <= versions[u]:
				t.Errorf("after SQL %q, %s's version is %d, want it above %d", step.sql, u, v, versions[u])
			case !slices.Contains(step.bumped, u) && v != versions[u]:
				t.Errorf("after SQL %q, %s's version is %d, want it unchanged at %d", step.sql, u, v, versions[u])
			}
			versions[u] = v
		}
	}
}

var (
	a1 = user{"cli_a", "u1"}
	a2 = user{"cli_a", "u2"}
	b1 = user{"cli_b", "u1"}
)

func testSQLDeleteBumps(t *testing.T, s Store, exec ExecFunc) {
	runSQLSteps(t, s, exec, []user{a1, a2, b1}, []sqlStep{
		{`DELETE FROM login_logs WHERE client_id = 'cli_a' AND user_id = 'u1' AND ip_address = '2.2.2.2'`, []user{a1}},
		{`DELETE FROM login_logs WHERE client_id = 'cli_a' AND user_id = 'u1'`, []user{a1}},
		{`DELETE FROM login_logs WHERE client_id = 'cli_a' AND user_id = 'u1'`, nil}, // deletes nothing
		{`DELETE FROM login_logs WHERE ip_address = '1.1.1.1'`, []user{a2, b1}},
	})
	wantIPs(t, s, a2, "2.2.2.2")
}

func testSQLUpdateBumps(t *testing.T, s Store, exec ExecFunc) {
	runSQLSteps(t, s, exec, []user{a1, a2, b1}, []sqlStep{
		{`UPDATE login_logs SET city = 'Erased' WHERE client_id = 'cli_a' AND user_id = 'u1'`, []user{a1}},
		{`UPDATE login_logs SET city = 'Erased' WHERE client_id = 'cli_a' AND user_id = 'u1'`, []user{a1}}, // same values
		{`UPDATE login_logs SET user_id = 'u2' WHERE client_id = 'cli_a' AND user_id = 'u1' AND ip_address = '1.1.1.1'`, []user{a1, a2}},
		{`UPDATE login_logs SET city = 'Erased' WHERE user_id = 'nobody'`, nil}, // updates nothing
	})
	wantIPs(t, s, a2, "1.1.1.1", "1.1.1.1", "2.2.2.2") // a1's 1.1.1.1 moved to a2
}

func testSQLUsersUpdateBumps(t *testing.T, s Store, exec ExecFunc) {
	runSQLSteps(t, s, exec, []user{a1, a2, b1}, []sqlStep{
		{`UPDATE users SET version = 0 WHERE client_id = 'cli_a' AND user_id = 'u1'`, []user{a1}},
		{`UPDATE users SET version = version WHERE client_id = 'cli_a' AND user_id = 'u1'`, []user{a1}},
		{`UPDATE users SET version = version + 1 WHERE client_id = 'cli_b'`, []user{b1}},
	})
	// A rename: the old id is gone, the new one has a version above the old id's.
	ctx := t.Context()
	add(t, s, "cli_a", "bare")
	before := versionOf(t, s, user{"cli_a", "bare"})
	sql := `UPDATE users SET user_id = 'renamed' WHERE client_id = 'cli_a' AND user_id = 'bare'`
	if err := exec(ctx, sql); err != nil {
		t.Fatalf("SQL %q: %v", sql, err)
	}
	noUser(t, s, user{"cli_a", "bare"}, "after SQL "+sql)
	if v := versionOf(t, s, user{"cli_a", "renamed"}); v <= before {
		t.Errorf("after SQL %q, cli_a/renamed's version is %d, want it above bare's %d", sql, v, before)
	}
}

func testDeleteUser(t *testing.T, s Store, _ ExecFunc) {
	ctx := t.Context()
	versions := addTwoEach(t, s, a1, a2, b1)
	add(t, s, "cli_a", "bare")

	if err := s.DeleteUser(ctx, a1.client, a1.id); err != nil {
		t.Fatalf("DeleteUser(%s): %v", a1, err)
	}
	noUser(t, s, a1, "after DeleteUser")
	for _, u := range []user{a2, b1} {
		wantIPs(t, s, u, "1.1.1.1", "2.2.2.2")
		if v := versionOf(t, s, u); v != versions[u] {
			t.Errorf("DeleteUser(%s) changed %s's version from %d to %d", a1, u, versions[u], v)
		}
	}

	noUser(t, s, user{"cli_a", "nobody"}, "never there")
	noUser(t, s, user{"cli_c", "u2"}, "of a client that has no users")
	if err := s.DeleteUser(ctx, "cli_a", "bare"); err != nil {
		t.Errorf("DeleteUser(cli_a/bare), a user without logs: %v", err)
	}

	// Added again, the user has only its new logs, under a version it never had before.
	add(t, s, a1.client, a1.id, entry(t, "3.3.3.3", "2024-07-12T12:16:19Z"))
	wantIPs(t, s, a1, "3.3.3.3") // only the new log
	if v := versionOf(t, s, a1); v == versions[a1] {
		t.Errorf("%s added again after DeleteUser has version %d, the deleted user's", a1, v)
	}
}

// stamps renders logs as "IP@CreatedAt" for comparisons.
func stamps(logs []store.LoginLog) []string {
	out := []string{}
	for _, l := range logs {
		out = append(out, l.IPAddress+"@"+l.CreatedAt.Format(time.RFC3339Nano))
	}
	return out
}

// list returns the user's logs, failing the test on error.
func list(t *testing.T, s Store, clientID, userID string) []store.LoginLog {
	t.Helper()
	logs, err := store.List(t.Context(), s, clientID, userID)
	if err != nil {
		t.Fatalf("store.List(%s, %s): %v", clientID, userID, err)
	}
	return logs
}

// listStamps returns the user's logs as stamps, failing the test on error.
func listStamps(t *testing.T, s Store, clientID, userID string) []string {
	t.Helper()
	return stamps(list(t, s, clientID, userID))
}

func testReplace(t *testing.T, s Store, _ ExecFunc) {
	ctx := t.Context()
	other := entry(t, "9.9.9.9", "2024-01-03T00:00:00Z")
	add(t, s, "c1", "u1", entry(t, "1.1.1.1", "2024-01-01T00:00:00Z"), entry(t, "1.1.1.2", "2024-01-02T00:00:00Z"))
	add(t, s, "c1", "u2", other)
	add(t, s, "c2", "u1", other)
	batches := [][]store.LoginLog{
		{entry(t, "2.2.2.1", "2024-02-01T00:00:00Z"), entry(t, "2.2.2.2", "2024-02-02T00:00:00Z")},
		{entry(t, "2.2.2.3", "2024-02-03T00:00:00Z")},
	}
	want := stamps(append(slices.Clone(batches[0]), batches[1]...))
	for round := 1; round <= 2; round++ {
		before := versionOf(t, s, user{"c1", "u1"})
		err := s.ReplaceLoginLogs(ctx, "c1", "u1", func(add func([]store.LoginLog) error) error {
			for _, b := range batches {
				if err := add(b); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("ReplaceLoginLogs, round %d: %v", round, err)
		}
		if got := listStamps(t, s, "c1", "u1"); !slices.Equal(got, want) {
			t.Errorf("after ReplaceLoginLogs round %d, store.List = %v, want %v", round, got, want)
		}
		if after, err := s.UserVersion(ctx, "c1", "u1"); err != nil || after <= before {
			t.Errorf("ReplaceLoginLogs round %d: version %d then %d (%v), want it to rise", round, before, after, err)
		}
	}
	for _, u := range [][2]string{{"c1", "u2"}, {"c2", "u1"}} {
		if got, want := listStamps(t, s, u[0], u[1]), stamps([]store.LoginLog{other}); !slices.Equal(got, want) {
			t.Errorf("ReplaceLoginLogs(c1, u1) changed %s/%s: %v, want %v", u[0], u[1], got, want)
		}
	}
}

func testReplaceFails(t *testing.T, s Store, _ ExecFunc) {
	ctx := t.Context()
	old := []store.LoginLog{entry(t, "1.1.1.1", "2024-01-01T00:00:00Z"), entry(t, "1.1.1.2", "2024-01-02T00:00:00Z")}
	add(t, s, "c1", "u1", old...)
	before := versionOf(t, s, user{"c1", "u1"})
	errBadEntry := errors.New("bad entry in the file")
	cases := []struct {
		name string
		fill func(t *testing.T, add func([]store.LoginLog) error) error
		want error
	}{
		{"fill fails after batches", func(t *testing.T, add func([]store.LoginLog) error) error {
			for i := range 3 {
				if err := add([]store.LoginLog{entry(t, fmt.Sprintf("3.3.3.%d", i), "2024-03-01T00:00:00Z")}); err != nil {
					return err
				}
				// Others read the old logs while the replace is under way.
				if got := listStamps(t, s, "c1", "u1"); !slices.Equal(got, stamps(old)) {
					t.Errorf("during ReplaceLoginLogs, store.List = %v, want the old %v", got, stamps(old))
				}
			}
			return errBadEntry
		}, errBadEntry},
		{"a batch the store refuses", func(t *testing.T, add func([]store.LoginLog) error) error {
			if err := add([]store.LoginLog{entry(t, "3.3.3.3", "2024-03-01T00:00:00Z")}); err != nil {
				return err
			}
			return add([]store.LoginLog{entry(t, "3.3.3.4", "3000-01-01T00:00:00Z")})
		}, store.ErrTimeOutOfRange},
	}
	for _, c := range cases {
		err := s.ReplaceLoginLogs(ctx, "c1", "u1", func(add func([]store.LoginLog) error) error { return c.fill(t, add) })
		if !errors.Is(err, c.want) {
			t.Errorf("ReplaceLoginLogs, %s = %v, want %v", c.name, err, c.want)
		}
		if got := listStamps(t, s, "c1", "u1"); !slices.Equal(got, stamps(old)) {
			t.Errorf("after ReplaceLoginLogs, %s: store.List = %v, want the old %v", c.name, got, stamps(old))
		}
		if after, err := s.UserVersion(ctx, "c1", "u1"); err != nil || after != before {
			t.Errorf("after ReplaceLoginLogs, %s: version %d (%v), want %d unchanged", c.name, after, err, before)
		}
	}
	err := s.ReplaceLoginLogs(ctx, "c1", "u9", func(func([]store.LoginLog) error) error { return errBadEntry })
	if _, lerr := store.List(ctx, s, "c1", "u9"); !errors.Is(err, errBadEntry) || !errors.Is(lerr, store.ErrUserNotFound) {
		t.Errorf("a failed ReplaceLoginLogs of a new user = %v, then store.List = %v; want no user", err, lerr)
	}
}

func testReplaceCreates(t *testing.T, s Store, _ ExecFunc) {
	if err := s.ReplaceLoginLogs(t.Context(), "c1", "u1", func(func([]store.LoginLog) error) error { return nil }); err != nil {
		t.Fatalf("ReplaceLoginLogs with nothing to add: %v", err)
	}
	wantIPs(t, s, user{"c1", "u1"}) // a user without logs
}

func testAddIf(t *testing.T, s Store, _ ExecFunc) {
	ctx := t.Context()
	addIf := func(version int64, ip string) (int64, error) {
		return s.AddLoginLogsIf(ctx, a1.client, a1.id, version, []store.LoginLog{entry(t, ip, "2024-07-10T12:16:19Z")})
	}
	v1, err := addIf(0, "1.1.1.1")
	if err != nil {
		t.Fatalf("AddLoginLogsIf(%s, version 0) of a missing user: %v", a1, err)
	}
	if v := versionOf(t, s, a1); v1 <= 0 || v1 != v {
		t.Errorf("AddLoginLogsIf(%s, version 0) of a missing user returned version %d; the user has %d", a1, v1, v)
	}
	v2, err := addIf(v1, "2.2.2.2")
	if err != nil {
		t.Fatalf("AddLoginLogsIf(%s, version %d), the current one: %v", a1, v1, err)
	}
	if v := versionOf(t, s, a1); v2 <= v1 || v2 != v {
		t.Errorf("AddLoginLogsIf(%s, version %d) returned version %d; want above it and the user's, %d", a1, v1, v2, v)
	}
	for _, stale := range []int64{0, v1, v2 + 1} {
		if v, err := addIf(stale, "9.9.9.9"); !errors.Is(err, store.ErrChanged) {
			t.Errorf("AddLoginLogsIf(%s, version %d), the user at %d: %d, %v; want ErrChanged", a1, stale, v2, v, err)
		}
	}
	wantIPs(t, s, a1, "1.1.1.1", "2.2.2.2")
	if v := versionOf(t, s, a1); v != v2 {
		t.Errorf("refused AddLoginLogsIf calls changed %s's version from %d to %d", a1, v2, v)
	}
	if err := s.DeleteUser(ctx, a1.client, a1.id); err != nil {
		t.Fatalf("DeleteUser(%s): %v", a1, err)
	}
	if v, err := addIf(v2, "9.9.9.9"); !errors.Is(err, store.ErrChanged) {
		t.Errorf("AddLoginLogsIf(%s, version %d) after DeleteUser: %d, %v; want ErrChanged", a1, v2, v, err)
	}
	noUser(t, s, a1, "after a refused AddLoginLogsIf of the deleted user")
}
