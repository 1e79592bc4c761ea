package api_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/ssojet-tools/loginlogs/api"
)

// The README is read from the repository root; the detail it links to lives in docs/.
const (
	readmePath = "../README.md"
	docsDir    = "../docs"
	// maxREADMELines keeps the README a page a newcomer reads to the end (issue 20: about 250).
	maxREADMELines = 260
)

// readmeOrder is the README's sections in the order a newcomer uses the project: the two
// set-up commands and what they show, then generate an SDK (Go, TypeScript), test a live API,
// run the reference server.
var readmeOrder = []string{
	"Two commands",
	"What you see when it runs",
	"Using the SDK",
	"TypeScript",
	"Contract testing",
	"The reference server",
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// sections splits a Markdown text at its level-2 headings ("## "), outside code blocks: the
// headings in order, and each one's text up to the next.
func sections(text string) (headings []string, bodies map[string]string) {
	bodies = map[string]string{}
	var cur string
	fence := false
	for line := range strings.Lines(text) {
		if strings.HasPrefix(line, "```") {
			fence = !fence
		}
		if h, ok := strings.CutPrefix(line, "## "); ok && !fence {
			cur = strings.TrimSpace(h)
			headings = append(headings, cur)
			continue
		}
		if cur != "" {
			bodies[cur] += line
		}
	}
	return headings, bodies
}

func TestREADMEIsShort(t *testing.T) {
	readme := readFile(t, readmePath)
	if n := strings.Count(readme, "\n"); n > maxREADMELines {
		t.Errorf("README.md is %d lines, want at most %d: move detail into docs/ and link it", n, maxREADMELines)
	}
}

// TestREADMEOrderOfUse: the README's sections start in the order of use, its first section holds
// exactly the two set-up commands, and what it shows a newcomer typing before the SDK section
// needs no third one: only those two, the line `make run` prints to paste, and the binary it built.
func TestREADMEOrderOfUse(t *testing.T) {
	headings, bodies := sections(readFile(t, readmePath))
	if len(headings) < len(readmeOrder) || !slices.Equal(headings[:len(readmeOrder)], readmeOrder) {
		t.Fatalf("README.md's sections begin %q, want %q", headings[:min(len(headings), len(readmeOrder))], readmeOrder)
	}

	_, block, ok := strings.Cut(bodies["Two commands"], "```sh\n")
	block, _, closed := strings.Cut(block, "```")
	if !ok || !closed {
		t.Fatal("README.md's section Two commands has no closed ```sh block")
	}
	var commands []string
	for line := range strings.Lines(block) {
		cmd, _, _ := strings.Cut(line, "#")
		if cmd = strings.TrimSpace(cmd); cmd != "" {
			commands = append(commands, cmd)
		}
	}
	if want := []string{"make run", "make test"}; !slices.Equal(commands, want) {
		t.Errorf("README.md's Two commands are %q, want %q", commands, want)
	}

	for _, h := range readmeOrder[:2] {
		for line := range strings.Lines(bodies[h]) {
			cmd, ok := strings.CutPrefix(line, "$ ")
			if !ok {
				continue
			}
			cmd = strings.TrimSpace(cmd)
			if cmd != "make run" && cmd != "make test" && !strings.HasPrefix(cmd, "export SSOJET_BASE_URL=") &&
				!strings.HasPrefix(cmd, "bin/loginlogs ") {
				t.Errorf("README.md's section %s has a newcomer type %q: a set-up command besides make run and make test", h, cmd)
			}
		}
	}
}

// linkRE matches a Markdown link or image: [text](target) or ![alt](target).
var linkRE = regexp.MustCompile(`\[[^\]]*\]\(([^()\s]+)\)`)

// links returns the targets of the Markdown links in text, outside code blocks and code spans.
// Links are looked for paragraph by paragraph, as their text and code spans may wrap.
func links(text string) []string {
	var out []string
	var para strings.Builder
	flush := func() {
		p := para.String()
		inCode := codeSpans(p)
		for _, m := range linkRE.FindAllStringSubmatchIndex(p, -1) {
			if !inCode[m[2]-1] { // the "(" opening the target
				out = append(out, p[m[2]:m[3]])
			}
		}
		para.Reset()
	}
	fence := false
	for line := range strings.Lines(text) {
		switch {
		case strings.HasPrefix(strings.TrimSpace(line), "```"):
			flush()
			fence = !fence
		case fence:
		case strings.TrimSpace(line) == "":
			flush()
		default:
			para.WriteString(line)
		}
	}
	flush()
	return out
}

// codeSpans marks the bytes of a paragraph inside `code spans` (delimited by single backticks).
func codeSpans(p string) []bool {
	in := make([]bool, len(p))
	open := false
	for i := range len(p) {
		if p[i] == '`' {
			open = !open
		}
		in[i] = open
	}
	return in
}

// anchors returns the fragments GitHub gives the headings of a Markdown text: lower case,
// punctuation dropped, spaces as hyphens, "-1", "-2" … after repeats.
func anchors(text string) map[string]bool {
	out := map[string]bool{}
	fence := false
	for line := range strings.Lines(text) {
		if strings.HasPrefix(line, "```") {
			fence = !fence
		}
		if fence || !strings.HasPrefix(line, "#") {
			continue
		}
		h := strings.TrimSpace(strings.TrimLeft(line, "#"))
		var b strings.Builder
		for _, r := range strings.ToLower(h) {
			switch {
			case r == ' ':
				b.WriteByte('-')
			case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
				b.WriteRune(r)
			}
		}
		slug := b.String()
		for n := 0; ; n++ {
			s := slug
			if n > 0 {
				s += "-" + strconv.Itoa(n)
			}
			if !out[s] {
				out[s] = true
				break
			}
		}
	}
	return out
}

// TestDocLinks: every relative link of README.md and docs/*.md names a file of the repository,
// and a fragment names a heading of the Markdown file it points into.
func TestDocLinks(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(docsDir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	files = append([]string{readmePath}, files...)
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, file := range files {
		text := readFile(t, file)
		for _, target := range links(text) {
			if strings.Contains(target, ":") { // https:, mailto: …
				continue
			}
			checked++
			path, fragment, _ := strings.Cut(target, "#")
			dest := file
			if path != "" {
				dest = filepath.Join(filepath.Dir(file), filepath.FromSlash(path))
				abs, err := filepath.Abs(dest)
				if err != nil || !strings.HasPrefix(abs, root+string(filepath.Separator)) && abs != root {
					t.Errorf("%s: link %q leaves the repository", file, target)
					continue
				}
				if _, err := os.Stat(dest); err != nil {
					t.Errorf("%s: link %q: %v", file, target, err)
					continue
				}
			}
			if fragment == "" {
				continue
			}
			if !strings.HasSuffix(dest, ".md") {
				t.Errorf("%s: link %q: a fragment into a file that is not Markdown", file, target)
				continue
			}
			if !anchors(readFile(t, dest))[fragment] {
				t.Errorf("%s: link %q: %s has no heading #%s", file, target, dest, fragment)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no relative link found in README.md and docs/*.md: the link check judged nothing")
	}
}

// reportedVersion matches the contract's title and version as contract and proxy print them.
var reportedVersion = regexp.MustCompile(`SSOJet User Login Logs API (\d+\.\d+\.\d+)`)

// TestDocsShowTheContractsVersion: the output README.md and docs/*.md show of contract and proxy
// names the contract's version as api/openapi.yaml has it now, as the commands print it.
func TestDocsShowTheContractsVersion(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(docsDir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, file := range append([]string{readmePath}, files...) {
		for _, m := range reportedVersion.FindAllStringSubmatch(readFile(t, file), -1) {
			seen++
			if m[1] != api.Version() {
				t.Errorf("%s shows %q, want contract %s", file, m[0], api.Version())
			}
		}
	}
	if seen == 0 {
		t.Fatal("no output naming the contract's version found in README.md and docs/*.md: the check judged nothing")
	}
}
