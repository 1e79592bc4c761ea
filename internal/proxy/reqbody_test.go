package proxy_test

import (
	"crypto/sha256"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLargeRequestBodyIsForwardedInBoundedMemory: a request body far larger than any the
// contract's operations take (here 96 MiB to the token endpoint) reaches the upstream whole and
// unchanged, and the proxy does not hold it to judge it: it is judged on its parameters alone.
// A small body is still judged by kin-openapi (a token request without its fields is a client
// violation).
func TestLargeRequestBodyIsForwardedInBoundedMemory(t *testing.T) {
	const size = 96 << 20
	var (
		mu       sync.Mutex
		received [sha256.Size]byte
		n        int64
	)
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := sha256.New()
		m, _ := io.Copy(h, r.Body)
		mu.Lock()
		h.Sum(received[:0])
		n = m
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer up.Close()
	pr := startProxy(t, up.URL, nil)
	head := `{"grant_type":"client_credentials","client_id":"c","client_secret":"`
	body := func() io.Reader {
		return io.MultiReader(strings.NewReader(head), io.LimitReader(filler('a'), size-int64(len(head))-2), strings.NewReader(`"}`))
	}
	want := sha256.New()
	io.Copy(want, body())

	peak := sampleHeap(5 * time.Millisecond)
	base := heapInUse()
	res, err := http.Post(pr.base()+"/oauth2/token", "application/json", body())
	highest := peak()
	if err != nil {
		t.Fatalf("POST through the proxy: %v", err)
	}
	res.Body.Close()
	mu.Lock()
	if n != size || received != [sha256.Size]byte(want.Sum(nil)) {
		t.Errorf("the upstream received %d bytes (sha256 %x), want the %d sent, unchanged", n, received, size)
	}
	mu.Unlock()
	if growth := int64(highest) - int64(base); growth > 32<<20 {
		t.Errorf("heap in use grew by %d MiB while a %d MiB request body passed, want ≤ 32 MiB", growth>>20, size>>20)
	}
	res, err = http.Post(pr.base()+"/oauth2/token", "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if s := pr.summary(); s.ClientViolations == 0 {
		t.Errorf("a token request without its fields: no client violation; want kin-openapi's")
	}
}
