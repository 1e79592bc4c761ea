package importer

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ssojet-tools/loginlogs/internal/store"
	"github.com/ssojet-tools/loginlogs/internal/validate"
)

// judgeChunk judges and converts the entries of c, in order, up to the first it refuses.
func (im *Importer) judgeChunk(c *chunk) {
	start := 0
	for i, end := range c.ends {
		entry := c.data[start:end]
		start = end
		l, err := im.entry(c, i, entry)
		if err != nil {
			c.err = err
			return
		}
		c.logs = append(c.logs, l)
	}
}

// entry judges entry i of c with kin-openapi and converts it.
func (im *Importer) entry(c *chunk, i int, raw []byte) (store.LoginLog, error) {
	value, violations, decodeErr := im.v.Element(im.items, "", raw)
	var err error
	switch {
	case decodeErr != nil:
		err = fmt.Errorf("not JSON: %w", decodeErr)
	case len(violations) > 0:
		err = fmt.Errorf("violates the contract's %s: %s", im.itemsName, summary(violations))
	default:
		l, cerr := im.logOf(value)
		if cerr == nil {
			return l, nil
		}
		err = cerr
	}
	e := &EntryError{Line: c.at[i], Index: -1, Offset: -1, Violations: violations, Err: err}
	if c.offs[i] >= 0 { // JSON
		e.Line, e.Index, e.Offset = 0, c.at[i], c.offs[i]
		e.Pointer = c.array + "/" + strconv.Itoa(e.Index)
		for j := range e.Violations {
			e.Violations[j].Pointer = e.Pointer + e.Violations[j].Pointer
		}
	}
	return store.LoginLog{}, e
}

// recordFields are the fields of a login log the store keeps, as the contract names them; the
// last, CreatedAt, is a date-time.
var recordFields = []string{"IpAddress", "Country", "City", "UserAgent", "Name", "Os", "Device", "CreatedAt"}

// logOf converts an entry kin-openapi accepted. An entry the contract allows but that holds no
// login log the store can keep (null, a field absent or not a string, or a member the contract
// declares that the store has no place for) is refused, saying so.
func (im *Importer) logOf(value any) (store.LoginLog, error) {
	m, ok := value.(map[string]any)
	if !ok {
		return store.LoginLog{}, fmt.Errorf("%s is no login log to store, though the contract's %s allows it: a login log is an object with %s",
			jsonKind(value), im.itemsName, strings.Join(recordFields, ", "))
	}
	for _, name := range im.unkept {
		if v, ok := m[name]; ok && v != nil {
			return store.LoginLog{}, fmt.Errorf("/%s: a member the contract's %s declares, but the store keeps only %s: stored without it, it would be lost",
				name, im.itemsName, strings.Join(recordFields, ", "))
		}
	}
	var l store.LoginLog
	fields := []*string{&l.IPAddress, &l.Country, &l.City, &l.UserAgent, &l.Name, &l.OS, &l.Device, nil}
	var created string
	for i, name := range recordFields {
		to := fields[i]
		if to == nil {
			to = &created
		}
		v, present := m[name]
		if *to, ok = v.(string); !ok {
			kind := "absent"
			if present {
				kind = jsonKind(v)
			}
			return store.LoginLog{}, fmt.Errorf("/%s: %s, which the contract's %s allows, but the store keeps a string", name, kind, im.itemsName)
		}
	}
	t, err := time.Parse(time.RFC3339Nano, created)
	if err != nil {
		return store.LoginLog{}, fmt.Errorf("/CreatedAt: %w", err)
	}
	if _, err := store.UnixNano(t); err != nil {
		return store.LoginLog{}, fmt.Errorf("/CreatedAt: %w", err)
	}
	l.CreatedAt = t.UTC()
	return l, nil
}

// jsonKind names the JSON kind of a decoded value: null, a string, an object….
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	}
	return "a number"
}

// summary renders the first violation on one line, relative to the entry, and counts the others;
// the violations of one value are one (validate.OneFindingPerValue), as contract reports them.
func summary(violations []validate.Violation) string {
	violations, _ = validate.OneFindingPerValue(violations)
	s := describe(violations[0])
	if n := len(violations) - 1; n > 0 {
		s += fmt.Sprintf(" (and %d more)", n)
	}
	return s
}

// describe renders a violation of an entry as `/CreatedAt: want …, got …`, or `want …, got …`
// for the entry itself.
func describe(v validate.Violation) string {
	where := ""
	if v.Pointer != "" {
		where = v.Pointer + ": "
	}
	switch {
	case v.Want == "":
		return where + v.Message
	case strings.HasSuffix(v.Want, "is missing"):
		return where + v.Want
	}
	return fmt.Sprintf("%swant %s, got %s", where, v.Want, v.Got)
}
