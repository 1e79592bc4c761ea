package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"slices"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/store"
)

// storedLogs are the login logs a user had when an import started, as a multiset of digests,
// so that an import leaves out what the user already has (import without --append): a file
// imported twice changes nothing the second time. Memory: 17 bytes per stored log.
type storedLogs struct {
	keys [][16]byte // sorted; a log stored n times is here n times
	used []bool     // keys[i] matched an entry of this import already
	// version is the user's version the logs were read at (0: no user), which the import's
	// batches require (importer.Unchanged).
	version int64
}

// logKey is the digest of a login log's eight fields (CreatedAt as the instant it is).
func logKey(l *store.LoginLog) [16]byte {
	h := sha256.New()
	for _, f := range []string{l.IPAddress, l.Country, l.City, l.UserAgent, l.Name, l.OS, l.Device,
		l.CreatedAt.UTC().Format(time.RFC3339Nano)} {
		h.Write([]byte(f))
		h.Write([]byte{0})
	}
	var k [16]byte
	copy(k[:], h.Sum(nil))
	return k
}

// loadStored reads the logs the user has in st (none for a user it does not have).
func loadStored(ctx context.Context, st appStore, clientID, userID string) (*storedLogs, error) {
	s := &storedLogs{}
	var err error
	s.version, err = st.ScanLoginLogs(ctx, clientID, userID, func(_ int64, l *store.LoginLog) error {
		s.keys = append(s.keys, logKey(l))
		return nil
	})
	if err != nil && !errors.Is(err, store.ErrUserNotFound) {
		return nil, err
	}
	slices.SortFunc(s.keys, func(a, b [16]byte) int { return bytes.Compare(a[:], b[:]) })
	s.used = make([]bool, len(s.keys))
	return s, nil
}

// take reports whether the user already had l and it was not matched yet, and matches it: an
// entry the input holds twice is left out only as often as the user had it.
func (s *storedLogs) take(l *store.LoginLog) bool {
	k := logKey(l)
	i, _ := slices.BinarySearchFunc(s.keys, k, func(a, b [16]byte) int { return bytes.Compare(a[:], b[:]) })
	for ; i < len(s.keys) && s.keys[i] == k; i++ {
		if !s.used[i] {
			s.used[i] = true
			return true
		}
	}
	return false
}
