package fakeapi

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"compress/zlib"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/errbody"
	"github.com/ssojet-tools/loginlogs/internal/httpfault"
)

// TerminalAttack is what the hostile fake puts where a client may print it: it sets the window
// title, clears the screen, moves the cursor home and writes in red, with C1 and bidi controls.
const TerminalAttack = "\x1b]0;pwned\x07\x1b[2J\x1b[H\x1b[31mFAKE\u009b0m\u202eevil"

// HeaderAttack is what the hostile fake puts in headers: Go's client refuses C0 controls such
// as ESC there, not a C1 CSI (in UTF-8) or a right-to-left override.
const HeaderAttack = "\u009b2J\u202eevil"

// Hostile returns a fake whose misbehaviour each request chooses from behaviours (listed in
// this file): by a path that starts with /hostile/{list}, such as a base URL
// http://127.0.0.1:port/hostile/nested=9000,gzip/api/v1, or by an X-Hostile: {list} request
// header. A list is comma-separated NAME or NAME=ARG; the first named wraps the others. A request
// that names none gets echo, described below, which answers everything itself.
//
// echo remembers every secret the fake was sent (a bearer token; the password of a Basic
// credential, as a base URL with userinfo makes Go's client send) and echoes each, in every form
// forms returns (nil: as sent), in every later answer: in login-log fields (IpAddress, Name, an
// unknown member's name, a CreatedAt that is no date-time, after the valid entries), in error
// descriptions, and in the Set-Cookie, Location and X-Echo headers; UserAgent and
// error_description carry TerminalAttack, Location and the Content-Type of the 400 HeaderAttack.
// Any bearer token but the checker's wrong one is taken: the documented request gets a 200
// (its last entry broken), a request without a token a redirect, the wrong token a 401, no
// client_id a 400, an unknown user a 404.
//
// The other behaviours keep the fake's documented answers (New) to any request they do not
// change.
func Hostile(logs []byte, forms func(secret string) []string) *API {
	if forms == nil {
		forms = func(s string) []string { return []string{s} }
	}
	h := &hostile{forms: forms, plain: New(logs)}
	a := New(logs)
	a.Intercept = h.serve
	return a
}

// wrongToken is the token the contract checker's wrong-token check sends: no secret.
const wrongToken = "loginlogs-contract-check.not-a-valid-token"

type hostile struct {
	forms func(string) []string
	// plain answers what no behaviour answers itself: New(logs).
	plain   *API
	mu      sync.Mutex
	secrets []string
}

// echoes remembers the secrets r carries and returns the forms of all those seen so far.
func (h *hostile) echoes(r *http.Request) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	secret, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if _, pass, basic := r.BasicAuth(); basic {
		secret, ok = pass, true
	}
	if ok && secret != "" && secret != wrongToken && !slices.Contains(h.secrets, secret) {
		h.secrets = append(h.secrets, secret)
	}
	var out []string
	for _, s := range h.secrets {
		out = append(out, h.forms(s)...)
	}
	return out
}

// echo answers r as the doc comment of Hostile says, whatever r asks.
func (h *hostile) echo(w http.ResponseWriter, r *http.Request) {
	echoes := h.echoes(r)
	for i, e := range echoes {
		w.Header().Add("X-Echo", e)
		if i == 0 {
			w.Header().Add("Set-Cookie", "session="+e+"; Path=/; HttpOnly")
			w.Header().Add("Set-Cookie", "tracking="+url.QueryEscape(e))
		}
	}
	user := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/api/v1/users/"), "/loginlogs")
	auth := r.Header.Get("Authorization")
	fail := func(status int, name string) {
		desc := "you sent " + strings.Join(echoes, " ") + " " + TerminalAttack
		if status == http.StatusBadRequest {
			w.Header().Set("Content-Type", "application/json; x="+HeaderAttack)
			w.WriteHeader(status)
			json.NewEncoder(w).Encode(map[string]any{"error": name, "error_description": desc, "error_code": 842})
			return
		}
		errbody.Write(w, status, name, 1002, desc)
	}
	switch {
	case auth == "" || strings.HasPrefix(auth, "Basic "):
		loc := "https://login.ssojet.test/" + HeaderAttack + "?next=" + url.QueryEscape(r.URL.String())
		if len(echoes) > 0 {
			loc += "&token=" + url.QueryEscape(echoes[0]) + "&b64=" + base64.URLEncoding.EncodeToString([]byte(echoes[0]))
		}
		w.Header().Set("Location", loc)
		w.WriteHeader(http.StatusFound)
		return
	case !strings.HasPrefix(auth, "Bearer ") || auth == "Bearer "+wrongToken:
		fail(http.StatusUnauthorized, "invalid_token")
		return
	case r.URL.Query().Get("client_id") == "":
		fail(http.StatusBadRequest, "invalid_query_parameters "+strings.Join(echoes, " "))
		return
	case user != UserID:
		fail(http.StatusNotFound, "resource_not_found")
		return
	}
	var entries []string
	entry := func(ip, name, extra, createdAt string) string {
		m := map[string]string{"IpAddress": ip, "Country": "India", "City": "UnknownCity", "UserAgent": TerminalAttack,
			"Name": name, "Os": "", "Device": "", "CreatedAt": createdAt}
		if extra != "" {
			m["x-"+extra] = "1"
		}
		b, _ := json.Marshal(m)
		return string(b)
	}
	for i, e := range echoes {
		s := entry(e, "echo "+e, e, fmt.Sprintf("2024-07-10T12:16:%02d.647Z", i%60))
		if i%2 == 1 {
			s = strings.ReplaceAll(s, "/", `\/`) // as PHP writes JSON
		}
		entries = append(entries, s)
	}
	if len(echoes) > 0 {
		entries = append(entries, entry("10.0.0.1", "bad date", "", echoes[0]))
	}
	echo, _ := json.Marshal(strings.Join(echoes, " "))
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"login_logs":[%s],"echo":%s}`, strings.Join(entries, ","), echo)
}

// HostileHeader is the request header naming the behaviours a request asks the hostile fake for.
const HostileHeader = "X-Hostile"

// HostileBody returns the body of the hostile fake's answer to the documented request that asks
// for the behaviours list (as X-Hostile would), e.g. "nested=9000", for a check of a recorded
// answer.
func HostileBody(list string) []byte {
	req := httptest.NewRequest(http.MethodGet, "/api/v1/users/"+UserID+"/loginlogs?client_id="+ClientID, nil)
	req.Header.Set("Authorization", "Bearer "+Token)
	req.Header.Set(HostileHeader, list)
	rec := httptest.NewRecorder()
	Hostile(nil, nil).ServeHTTP(rec, req)
	return rec.Body.Bytes()
}

// HostilePath returns the path prefix that asks the hostile fake for the behaviours named, to
// put before /api/v1 in a base URL: HostilePath("nested=9000", "gzip") is
// "/hostile/nested=9000,gzip".
func HostilePath(names ...string) string {
	return "/hostile/" + strings.Join(names, ",")
}

// A behaviour wraps next, the handler that answers the request: the fake, or the behaviours
// named after this one (a body behaviour answers as the fake itself, and ends the list). arg is
// what follows NAME= ("" when nothing does).
type behaviour func(h *hostile, arg string, next http.Handler) http.Handler

// behaviours are what a request can ask the hostile fake for, by name. Adding one is an entry
// here and its function. Sizes take a K, M or G suffix (powers of 1024).
//
//   - echo: the secret-echoing attacker of Hostile's doc comment (answers everything itself)
//   - behave: the fake's documented answers, nothing hostile
//   - slow=D: the header comes D late (default 1s), and each KiB of the body another D later
//   - cut=N: the connection closes after N bytes of the body (default 16), short of its end
//   - gzip, deflate: the answer is compressed so and says so in Content-Encoding
//   - encoding=NAME: Content-Encoding says NAME (default x-hostile) over the plain body
//   - duplicate-headers: Content-Type and X-Request-Id each come twice, with different values
//   - nested=N or NxM: the 200 body's entry (M entries) is N nested arrays (default 9000: 18 KB)
//   - deep=N or NxM: the 200 body's entry (M entries) is N nested objects {"a":…} (default 9000)
//   - long=N: the 200 body's only entry has a CreatedAt of N bytes (default 1M), no date-time
//   - many=N: the 200 body has N entries (default 10000), each with a CreatedAt no date-time
//   - huge=N: the 200 body is N bytes (default 256M) of valid entries, with its Content-Length
//   - endless: the 200 body is valid entries without end
var behaviours = map[string]behaviour{
	"echo":     func(h *hostile, _ string, _ http.Handler) http.Handler { return http.HandlerFunc(h.echo) },
	"behave":   func(_ *hostile, _ string, next http.Handler) http.Handler { return next },
	"slow":     slow,
	"cut":      cut,
	"gzip":     encode("gzip", func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) }),
	"deflate":  encode("deflate", func(w io.Writer) io.WriteCloser { return zlib.NewWriter(w) }),
	"encoding": headers(func(h http.Header, arg string) { h.Set("Content-Encoding", cmp.Or(arg, "x-hostile")) }),
	"duplicate-headers": headers(func(h http.Header, _ string) {
		h.Add("Content-Type", "text/html; charset=utf-8")
		h.Add("X-Request-Id", "hostile-1")
		h.Add("X-Request-Id", "hostile-2")
	}),
	"nested": okBody(nest("[", "", "]")),
	"deep":   okBody(nest(`{"a":`, "0", "}")),
	"long": okBody(func(w io.Writer, arg string) {
		writeLogs(w, strings.Replace(validEntry, validCreatedAt, strings.Repeat("x", size(arg, 1<<20)), 1))
	}),
	"many": okBody(func(w io.Writer, arg string) {
		bad := strings.Replace(validEntry, validCreatedAt, "yesterday", 1)
		writeLogs(w, repeatJoined(bad, size(arg, 10000)))
	}),
	"huge":    okBody(huge),
	"endless": okBody(func(w io.Writer, _ string) { writeEntries(w, -1) }),
}

// serve answers r with the behaviours it names, or echo.
func (h *hostile) serve(w http.ResponseWriter, r *http.Request) bool {
	h.echoes(r) // every request's secrets are echoed by later echo answers
	list := r.Header.Get(HostileHeader)
	if rest, ok := strings.CutPrefix(r.URL.Path, "/hostile/"); ok {
		var tail string
		list, tail, _ = strings.Cut(rest, "/")
		r = r.Clone(r.Context())
		r.URL.Path, r.URL.RawPath = "/"+tail, ""
	}
	if list == "" {
		list = "echo"
	}
	var next http.Handler = h.plain
	items := strings.Split(list, ",")
	for i := len(items) - 1; i >= 0; i-- {
		name, arg, _ := strings.Cut(items[i], "=")
		b, ok := behaviours[name]
		if !ok {
			http.Error(w, fmt.Sprintf("hostile fake: no behaviour %q", name), http.StatusTeapot)
			return true
		}
		next = b(h, arg, next)
	}
	next.ServeHTTP(w, r)
	return true
}

// size reads arg as a count, with an optional K, M or G suffix, or returns def.
func size(arg string, def int) int {
	num, shift := arg, 0
	if i := strings.LastIndexAny(arg, "KMG"); i >= 0 && i == len(arg)-1 {
		num, shift = arg[:i], 10*(1+strings.IndexByte("KMG", arg[i]))
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 {
		return def
	}
	return n << shift
}

// nest returns the writer of a 200 body of M entries (arg N or NxM, default 9000 and 1), each N
// times open, then mid, then N times close.
func nest(open, mid, close string) func(w io.Writer, arg string) {
	return func(w io.Writer, arg string) {
		ns, ms, _ := strings.Cut(arg, "x")
		n := size(ns, 9000)
		writeLogs(w, repeatJoined(strings.Repeat(open, n)+mid+strings.Repeat(close, n), size(ms, 1)))
	}
}

// repeatJoined returns times copies of entry, comma-separated.
func repeatJoined(entry string, times int) string {
	return strings.TrimSuffix(strings.Repeat(entry+",", max(1, times)), ",")
}

// validCreatedAt is validEntry's CreatedAt.
const validCreatedAt = "2024-07-10T12:16:19.647Z"

// validEntry is a login log that keeps the contract.
const validEntry = `{"IpAddress":"183.83.177.227","Country":"India","City":"UnknownCity","UserAgent":"Mozilla/5.0",` +
	`"Name":"Chrome","Os":"Linux","Device":"","CreatedAt":"` + validCreatedAt + `"}`

// writeLogs writes a 200 body whose login_logs holds entries, a comma-separated list.
func writeLogs(w io.Writer, entries string) {
	io.WriteString(w, `{"login_logs":[`+entries+`]}`)
}

// okBody returns a body behaviour: the fake, whose 200 body is the application/json body write
// writes.
func okBody(write func(w io.Writer, arg string)) behaviour {
	return func(_ *hostile, arg string, _ http.Handler) http.Handler {
		a := New(nil)
		a.OK = func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			write(w, arg)
		}
		return a
	}
}

// huge answers the documented request with arg bytes (default 256M) of valid entries, and says
// how many in Content-Length.
func huge(w io.Writer, arg string) {
	const head, tail = `{"login_logs":[`, `]}`
	n := max(1, (size(arg, 256<<20)-len(head)-len(tail)+1)/(len(validEntry)+1))
	if rw, ok := w.(http.ResponseWriter); ok {
		rw.Header().Set("Content-Length", strconv.Itoa(len(head)+n*(len(validEntry)+1)-1+len(tail)))
	}
	writeEntries(w, n)
}

// writeEntries writes a 200 body of n valid entries (n < 0: without end), until a write fails.
func writeEntries(w io.Writer, n int) {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(`{"login_logs":[` + validEntry)
	for i := 1; i != n; i++ {
		if _, err := bw.WriteString("," + validEntry); err != nil {
			return
		}
	}
	bw.WriteString(`]}`)
	bw.Flush()
}

// wrapped is an answer's writer that hands the header and body to a behaviour first. It
// unwraps, so http.ResponseController reaches the connection through it.
type wrapped struct {
	http.ResponseWriter
	wroteHeader bool
	// header runs once, before the header is written.
	header func(h http.Header)
	// write, when set, writes a piece of the body in place of the writer.
	write func(p []byte) (int, error)
	// flush, when set, runs before the writer flushes.
	flush func()
}

func (w *wrapped) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *wrapped) WriteHeader(status int) {
	if !w.wroteHeader {
		w.wroteHeader = true
		if w.header != nil {
			w.header(w.ResponseWriter.Header())
		}
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *wrapped) Write(p []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if w.write != nil {
		return w.write(p)
	}
	return w.ResponseWriter.Write(p)
}

func (w *wrapped) Flush() {
	if w.flush != nil {
		w.flush()
	}
	http.NewResponseController(w.ResponseWriter).Flush()
}

func slow(_ *hostile, arg string, next http.Handler) http.Handler {
	d, err := time.ParseDuration(arg)
	if err != nil {
		d = time.Second
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ww := &wrapped{ResponseWriter: w, header: func(http.Header) { httpfault.Sleep(r.Context(), d) }}
		ww.write = func(p []byte) (int, error) {
			n := 0
			for chunk := range slices.Chunk(p, 1024) {
				m, err := w.Write(chunk)
				n += m
				if err != nil {
					return n, err
				}
				http.NewResponseController(w).Flush()
				if err := httpfault.Sleep(r.Context(), d); err != nil {
					return n, err
				}
			}
			return n, nil
		}
		next.ServeHTTP(ww, r)
	})
}

// errCut is what writes to an answer the cut behaviour cut return.
var errCut = errors.New("hostile fake: connection closed mid-answer")

func cut(_ *hostile, arg string, next http.Handler) http.Handler {
	limit := size(arg, 16)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &httpfault.Cut{ResponseWriter: w, Limit: limit, Err: errCut}
		next.ServeHTTP(cw, r)
		cw.Close() // an answer shorter than limit breaks off too
	})
}

// encode returns a behaviour that compresses the answer with the writer compress makes and
// names it in Content-Encoding.
func encode(name string, compress func(io.Writer) io.WriteCloser) behaviour {
	return func(_ *hostile, _ string, next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			c := compress(w)
			ww := &wrapped{ResponseWriter: w, write: c.Write, header: func(h http.Header) {
				h.Del("Content-Length")
				h.Set("Content-Encoding", name)
			}}
			ww.flush = func() {
				if f, ok := c.(interface{ Flush() error }); ok {
					f.Flush()
				}
			}
			next.ServeHTTP(ww, r)
			if !ww.wroteHeader {
				ww.WriteHeader(http.StatusOK)
			}
			c.Close()
		})
	}
}

// headers returns a behaviour that changes the answer's headers with set, given its arg.
func headers(set func(h http.Header, arg string)) behaviour {
	return func(_ *hostile, arg string, next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(&wrapped{ResponseWriter: w, header: func(h http.Header) { set(h, arg) }}, r)
		})
	}
}

// Raw starts an API on loopback whose every answer is answer, sent as it is after the request's
// head, its connection then closed: an answer net/http may not read as HTTP. It returns the
// API's URL; the API stops when the test (t) ends.
func Raw(t interface{ Cleanup(func()) }, answer string) (url string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				r := bufio.NewReader(conn)
				for {
					if line, err := r.ReadString('\n'); err != nil || line == "\r\n" {
						break
					}
				}
				conn.Write([]byte(answer))
			}()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return "http://" + ln.Addr().String()
}
