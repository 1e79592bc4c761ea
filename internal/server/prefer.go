package server

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"

	"github.com/ssojet-tools/loginlogs/internal/mockdata"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// The Prefer header (RFC 7240) lets a client's test ask the reference server for an answer the
// contract documents, as Prism does (code=, example=, dynamic=true, seed=), or for a fault
// (fault=slow|cut|503, delay=, retry-after=): docs/test-double.md has the table. Names are
// case-insensitive, preferences this server does not know are ignored (RFC 7240 § 2); a value it
// cannot use, a status or an example the contract does not document is refused with 400
// malformed_request naming it.

// headerPrefer and headerPreferenceApplied are the headers of RFC 7240.
const (
	headerPrefer            = "Prefer"
	headerPreferenceApplied = "Preference-Applied"
)

// Bounds of the preferences.
const (
	defaultSlowDelay = 2 * time.Second
	// MaxDelay bounds fault=slow's delay, and Faults' latency: an answer delayed longer would
	// outlast serve's write timeout (30 s) and reach the client as a cut connection.
	MaxDelay      = 20 * time.Second
	maxRetryAfter = 86400
)

// preference is what a request's Prefer header asks of the server.
type preference struct {
	code       int           // the documented status to answer; 0: the server's own
	example    string        // the named example of that answer
	dynamic    bool          // a body generated from the schema
	seed       *uint64       // the generator's seed; nil: a random one
	fault      string        // "slow" or "cut"
	delay      time.Duration // of fault=slow
	retryAfter string        // Retry-After of the answer, in seconds
	err        error         // why the server cannot use the header (errPrefer)
}

// answers reports whether p asks for an answer made from the contract rather than by the
// handler.
func (p preference) answers() bool { return p.code != 0 || p.example != "" || p.dynamic }

// errPrefer marks a Prefer header the server cannot use.
var errPrefer = errors.New("Prefer")

// parsePrefer reads the Prefer headers of a request.
func parsePrefer(values []string) preference {
	var p preference
	for _, v := range values {
		for tok := range strings.FieldsFuncSeq(v, func(r rune) bool { return r == ',' || r == ';' }) {
			name, val, _ := strings.Cut(strings.TrimSpace(tok), "=")
			name = strings.ToLower(strings.TrimSpace(name))
			val = strings.Trim(strings.TrimSpace(val), `"`)
			if err := p.set(name, val); err != nil {
				return preference{err: fmt.Errorf("%w: %s=%s: %v", errPrefer, inert(name), inert(val), err)}
			}
		}
	}
	if p.fault == "slow" && p.delay == 0 {
		p.delay = defaultSlowDelay
	}
	return p
}

// set applies one preference.
func (p *preference) set(name, val string) error {
	switch name {
	case "code":
		code, err := parseStatus(val)
		if err != nil {
			return err
		}
		if p.code != 0 && p.code != code {
			return fmt.Errorf("asks for %d too", p.code)
		}
		p.code = code
	case "example":
		if val == "" {
			return errors.New("want the name of an example")
		}
		p.example = val
	case "dynamic":
		if val != "true" && val != "false" {
			return errors.New("want true or false")
		}
		p.dynamic = val == "true"
	case "seed":
		n, err := strconv.ParseUint(val, 10, 64)
		if err != nil {
			return errors.New("want a whole number")
		}
		p.seed = &n
	case "fault":
		if val != "slow" && val != "cut" {
			if _, err := parseStatus(val); err != nil {
				return errors.New("want slow, cut or a status code")
			}
			return p.set("code", val)
		}
		p.fault = val
	case "delay":
		d, err := parseDelay(val)
		if err != nil {
			return err
		}
		p.delay = d
	case "retry-after":
		n, err := strconv.Atoi(val)
		if err != nil || n < 0 || n > maxRetryAfter {
			return fmt.Errorf("want whole seconds from 0 to %d", maxRetryAfter)
		}
		p.retryAfter = strconv.Itoa(n)
	}
	return nil
}

// parseStatus reads a three-digit status code.
func parseStatus(val string) (int, error) {
	code, err := strconv.Atoi(val)
	if err != nil || len(val) != 3 || code < 100 {
		return 0, errors.New("want a three-digit status code")
	}
	return code, nil
}

// parseDelay reads a delay of fault=slow: a Go duration (1.5s, 300ms) or seconds (2).
func parseDelay(val string) (time.Duration, error) {
	d, err := time.ParseDuration(val)
	if err != nil {
		secs, ferr := strconv.ParseFloat(val, 64)
		if ferr != nil {
			return 0, errors.New("want a duration such as 1.5s or 300ms")
		}
		d = time.Duration(secs * float64(time.Second))
	}
	if d < 0 || d > MaxDelay {
		return 0, fmt.Errorf("want a duration from 0 to %s", MaxDelay)
	}
	return d, nil
}

const preferKey = "loginlogs.prefer"

// preferenceOf returns the request's parsed Prefer header (readPrefer).
func preferenceOf(c echo.Context) preference {
	p, _ := c.Get(preferKey).(preference)
	return p
}

// preferred answers, after validation, auth and the rate limit, a request whose Prefer header
// asks for a documented answer: the status asked for (else the lowest documented 2xx), its
// documented headers, and its body: the named example, a generated one (dynamic=true), else the
// contract's example, else one generated from the schema with seed 0. The answer goes through
// response validation as any other. A status the operation does not document, or an example
// its answer does not have, is refused with 400. HEAD gets GET's answer without its body.
func preferred(doc *openapi3.T) echo.MiddlewareFunc {
	opts := doc.GetSchemaValidationOptions()
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			p := preferenceOf(c)
			if !p.answers() {
				return next(c)
			}
			r := routeOf(c).route
			op, what := r.Operation, r.Method+" "+r.Path
			code, ref := p.code, validate.ResponseFor(op, p.code)
			if code == 0 {
				code, ref = lowest2xx(op.Responses)
			}
			if ref == nil || ref.Value == nil {
				return errMalformed.with(fmt.Sprintf("Prefer: %s documents no %s answer (it documents %s).",
					inert(what), statusText(code), validate.DocumentedStatuses(op))).send(c)
			}
			resp := ref.Value
			// HEAD answers with the headers of GET's answer of the same status (its body's type
			// and length), and no body.
			content, head := resp.Content, c.Request().Method == http.MethodHead
			if get := validate.ResponseFor(r.PathItem.Get, code); head && get != nil && get.Value != nil {
				content = get.Value.Content
			}
			var body []byte
			mt, ctype := jsonContent(content)
			if mt != nil || p.example != "" { // an example of an answer without a body is refused (bodyOf)
				v, err := bodyOf(mt, p, opts)
				if errors.Is(err, errNoExample) {
					return errMalformed.with(fmt.Sprintf("Prefer: the %d answer of %s has no example %q (its examples: %s).",
						code, inert(what), inert(p.example), exampleNames(mt))).send(c)
				}
				if err != nil {
					return fmt.Errorf("prefer: %d answer of %s: %w", code, what, err)
				}
				if body, err = json.Marshal(v); err != nil {
					return fmt.Errorf("prefer: encode: %w", err)
				}
				c.Response().Header().Set(echo.HeaderContentType, ctype)
			}
			h := c.Response().Header()
			for _, name := range slices.Sorted(maps.Keys(resp.Headers)) {
				if v, ok := headerValue(name, resp.Headers[name], p, opts); ok {
					h.Set(name, v)
				}
			}
			p.dynamic = p.dynamic && mt != nil // an answer without a body generates none
			h.Set(headerPreferenceApplied, applied(p, code))
			if head {
				if body != nil {
					h.Set(echo.HeaderContentLength, strconv.Itoa(len(body)))
				}
				body = nil
			}
			c.Response().WriteHeader(code)
			_, err := c.Response().Write(body)
			return err
		}
	}
}

// lowest2xx returns the lowest documented success status and its answer (0, nil: none).
func lowest2xx(rs *openapi3.Responses) (int, *openapi3.ResponseRef) {
	for code := 200; code < 300; code++ {
		if ref := rs.Status(code); ref != nil {
			return code, ref
		}
	}
	return 0, nil
}

// statusText is code as a Prefer error names it.
func statusText(code int) string {
	if code == 0 {
		return "2xx"
	}
	return strconv.Itoa(code)
}

// jsonContent returns the JSON media type of content (application/json first, then any
// +json type, then any type at all), and its name; nil when there is no body.
func jsonContent(content openapi3.Content) (*openapi3.MediaType, string) {
	if mt := content.Get("application/json"); mt != nil {
		return mt, "application/json"
	}
	names := slices.Sorted(maps.Keys(content))
	if i := slices.IndexFunc(names, func(n string) bool { return strings.HasSuffix(n, "+json") }); i >= 0 {
		return content[names[i]], names[i]
	}
	if len(names) > 0 {
		return content[names[0]], names[0]
	}
	return nil, ""
}

// errNoExample says that an answer has no example of the name asked for.
var errNoExample = errors.New("no such example")

// defaultExample is the name of a media type's single `example`, as Prism names it.
const defaultExample = "default"

// bodyOf returns the body p asks for of mt (nil: an answer without a body).
func bodyOf(mt *openapi3.MediaType, p preference, opts []openapi3.SchemaValidationOption) (any, error) {
	switch {
	case mt == nil: // an answer without a body has no example
		return nil, errNoExample
	case p.example != "":
		if p.example == defaultExample && mt.Example != nil {
			return mt.Example, nil
		}
		if ex := mt.Examples[p.example]; ex != nil && ex.Value != nil {
			return ex.Value.Value, nil
		}
		return nil, errNoExample
	case !p.dynamic && mt.Example != nil:
		return mt.Example, nil
	case !p.dynamic && len(mt.Examples) > 0:
		first := slices.Sorted(maps.Keys(mt.Examples))[0]
		if ex := mt.Examples[first]; ex.Value != nil {
			return ex.Value.Value, nil
		}
	}
	seed := uint64(0)
	if p.dynamic {
		seed = rand.Uint64()
		if p.seed != nil {
			seed = *p.seed
		}
	}
	if mt.Schema == nil || mt.Schema.Value == nil {
		return nil, errors.New("no schema to generate a body from")
	}
	return mockdata.New(seed, opts...).Value(mt.Schema.Value)
}

// exampleNames lists the example names a media type has, for an error description.
func exampleNames(mt *openapi3.MediaType) string {
	var names []string
	if mt == nil {
		return "none"
	}
	if mt.Example != nil {
		names = append(names, defaultExample)
	}
	names = append(names, slices.Sorted(maps.Keys(mt.Examples))...)
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// headerValue returns the value of a documented response header: Retry-After from the
// preference or the server's own wait, else the header's example, else one generated from its
// schema.
func headerValue(name string, ref *openapi3.HeaderRef, p preference, opts []openapi3.SchemaValidationOption) (string, bool) {
	if strings.EqualFold(name, headerRetryAfter) {
		return cmp.Or(p.retryAfter, retryAfterSeconds), true
	}
	if ref == nil || ref.Value == nil {
		return "", false
	}
	h := ref.Value
	if s, ok := h.Example.(string); ok {
		return s, true
	}
	if h.Schema != nil && h.Schema.Value != nil {
		if s, ok := h.Schema.Value.Example.(string); ok {
			return s, true
		}
		if v, err := mockdata.New(0, opts...).Value(h.Schema.Value); err == nil {
			if s, ok := v.(string); ok {
				return s, true
			}
		}
	}
	return "", false
}

// applied is the Preference-Applied value of an answer made for p.
func applied(p preference, code int) string {
	parts := []string{"code=" + strconv.Itoa(code)}
	if p.example != "" {
		parts = append(parts, "example="+p.example)
	}
	if p.dynamic {
		parts = append(parts, "dynamic=true")
	}
	return strings.Join(parts, ", ")
}
