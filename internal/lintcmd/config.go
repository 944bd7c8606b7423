package lintcmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"qx/internal/scan"
	"qx/internal/validate"
	"qx/rules"
)

// defaultConfig is the configuration file read from the working directory
// when --config is not given.
const defaultConfig = ".qxlint.json"

// configFile is the JSON form of a configuration file.
type configFile struct {
	Rules        []string          `json:"rules"`
	Suppressions []suppressionSpec `json:"suppressions"`
}

// suppressionSpec is one suppression as written: which findings it accepts,
// and why.
type suppressionSpec struct {
	Rule   string `json:"rule"`
	File   string `json:"file"`
	Path   string `json:"path"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

// config is a loaded configuration file.
type config struct {
	name         string   // as given, and as findings about it show it
	rules        []string // rules files, resolved against the configuration's directory
	suppressions []*suppression
}

// suppression is a suppression and what the run made of it.
type suppression struct {
	suppressionSpec
	index int      // 0-based place in the file
	pos   scan.Pos // where it is written
	used  int      // findings it suppressed
}

// loadConfig reads the configuration file name, or ./.qxlint.json when name
// is "" and that file exists. It returns nil when there is none.
func loadConfig(name string) (*config, error) {
	if name == "" {
		if _, err := os.Stat(defaultConfig); errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		name = defaultConfig
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("reading configuration: %w", err)
	}
	var cf configFile
	if err := decodeStrict(data, &cf); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	pos, err := elementPositions(data, "suppressions")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	c := &config{name: name}
	for i, s := range cf.Suppressions {
		if err := s.check(); err != nil {
			return nil, fmt.Errorf("%s:%v: suppression %d: %w", name, pos[i], i+1, err)
		}
		c.suppressions = append(c.suppressions, &suppression{suppressionSpec: s, index: i,
			pos: pos[i]})
	}
	for _, r := range cf.Rules {
		if !filepath.IsAbs(r) {
			r = filepath.Join(filepath.Dir(name), r)
		}
		c.rules = append(c.rules, r)
	}
	return c, nil
}

// check refuses a suppression that names no rule or gives no reason.
func (s suppressionSpec) check() error {
	if s.Rule == "" {
		return errors.New(`"rule" is required`)
	}
	if strings.TrimSpace(s.Reason) == "" {
		return errors.New(`"reason" is required: say why the finding is accepted`)
	}
	if _, err := path.Match(s.File, ""); err != nil {
		return fmt.Errorf(`"file": %w`, err)
	}
	return nil
}

// checkRules makes sure every suppression names a rule of the catalog.
func (c *config) checkRules(cat *rules.Catalog) error {
	for _, s := range c.suppressions {
		if cat.Lookup(s.Rule) == nil {
			return fmt.Errorf("%s:%v: suppression %d: unknown rule %q (see --list-rules)",
				c.name, s.pos, s.index+1, s.Rule)
		}
	}
	return nil
}

// appliesTo tells whether the suppression covers the file name.
func (s *suppression) appliesTo(name string) bool {
	if s.File == "" {
		return true
	}
	ok, _ := path.Match(s.File, filepath.ToSlash(name))
	return ok
}

// matches tells whether the suppression covers a finding of file name.
func (s *suppression) matches(name string, f validate.Finding) bool {
	return s.Rule == f.ID && s.appliesTo(name) && (s.Path == "" || s.Path == f.Path) &&
		(s.Value == "" || s.Value == f.Value)
}

// suppress tells whether some suppression covers a finding, and counts it.
func (c *config) suppress(name string, f validate.Finding) bool {
	if c == nil {
		return false
	}
	for _, s := range c.suppressions {
		if s.matches(name, f) {
			s.used++
			return true
		}
	}
	return false
}

// stale returns a finding for every suppression that matched nothing,
// although its rule ran and some file it covers was checked in full.
func (c *config) stale(ran func(rule string) bool, full []string) []rules.FileFinding {
	if c == nil {
		return nil
	}
	var out []rules.FileFinding
	for _, s := range c.suppressions {
		if s.used > 0 || !ran(s.Rule) || !coversAny(s, full) {
			continue
		}
		where := ""
		if s.File != "" {
			where = fmt.Sprintf(" in %q", s.File)
		}
		out = append(out, rules.FileFinding{File: c.name, Finding: validate.Finding{
			Pos: s.pos, Severity: validate.Warning, ID: rules.IDStaleSuppression,
			Path: fmt.Sprintf("/suppressions/%d", s.index), Value: s.Rule,
			Msg: fmt.Sprintf("suppression of %q%s matches no finding: remove it", s.Rule,
				where)}})
	}
	return out
}

func coversAny(s *suppression, names []string) bool {
	for _, n := range names {
		if s.appliesTo(n) {
			return true
		}
	}
	return false
}
