package confluence

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// userFilter decides whether a user matches a user-search CQL query.
type userFilter func(User) bool

// parseUserCQL parses the user fields Confluence's user search accepts: type=user, user / user.accountid
// with = != IN and NOT IN, and user.fullname~ (prefix match on any word of the display name), combined with
// AND, OR, NOT and parentheses. Anything else is an error, which the handler answers with 400.
func parseUserCQL(query string) (userFilter, error) {
	toks, err := tokenizeCQL(query)
	if err != nil {
		return nil, err
	}
	p := &cqlParser{toks: toks}
	f, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.pos != len(p.toks) {
		return nil, fmt.Errorf("unexpected %q", p.toks[p.pos].text)
	}
	return f, nil
}

type cqlToken struct {
	text   string
	quoted bool
}

func tokenizeCQL(s string) ([]cqlToken, error) {
	var toks []cqlToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(' || c == ')' || c == ',' || c == '=' || c == '~':
			toks = append(toks, cqlToken{text: string(c)})
			i++
		case c == '!' && i+1 < len(s) && (s[i+1] == '=' || s[i+1] == '~'):
			toks = append(toks, cqlToken{text: s[i : i+2]})
			i += 2
		case c == '"' || c == '\'':
			var b strings.Builder
			j := i + 1
			for ; j < len(s) && s[j] != c; j++ {
				if s[j] == '\\' && j+1 < len(s) {
					j++
				}
				b.WriteByte(s[j])
			}
			if j >= len(s) {
				return nil, errors.New("unterminated string")
			}
			toks = append(toks, cqlToken{text: b.String(), quoted: true})
			i = j + 1
		default:
			j := i
			for j < len(s) && isWordByte(s[j]) {
				j++
			}
			if j == i {
				return nil, fmt.Errorf("unexpected character %q", c)
			}
			toks = append(toks, cqlToken{text: s[i:j]})
			i = j
		}
	}
	if len(toks) == 0 {
		return nil, errors.New("empty query")
	}
	return toks, nil
}

func isWordByte(c byte) bool {
	return c == '.' || c == ':' || c == '-' || c == '_' || c == '@' || c >= 0x80 ||
		unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))
}

type cqlParser struct {
	toks []cqlToken
	pos  int
}

// keyword reports and consumes an unquoted keyword, case-insensitively.
func (p *cqlParser) keyword(words ...string) bool {
	for k, w := range words {
		if p.pos+k >= len(p.toks) || p.toks[p.pos+k].quoted || !strings.EqualFold(p.toks[p.pos+k].text, w) {
			return false
		}
	}
	p.pos += len(words)
	return true
}

func (p *cqlParser) next() (cqlToken, error) {
	if p.pos >= len(p.toks) {
		return cqlToken{}, errors.New("unexpected end of query")
	}
	p.pos++
	return p.toks[p.pos-1], nil
}

func (p *cqlParser) or() (userFilter, error) {
	left, err := p.and()
	for err == nil && p.keyword("OR") {
		var right userFilter
		if right, err = p.and(); err == nil {
			l := left
			left = func(u User) bool { return l(u) || right(u) }
		}
	}
	return left, err
}

func (p *cqlParser) and() (userFilter, error) {
	left, err := p.term()
	for err == nil && p.keyword("AND") {
		var right userFilter
		if right, err = p.term(); err == nil {
			l := left
			left = func(u User) bool { return l(u) && right(u) }
		}
	}
	return left, err
}

func (p *cqlParser) term() (userFilter, error) {
	if p.keyword("NOT") {
		inner, err := p.term()
		if err != nil {
			return nil, err
		}
		return func(u User) bool { return !inner(u) }, nil
	}
	if p.keyword("(") {
		inner, err := p.or()
		if err != nil {
			return nil, err
		}
		if !p.keyword(")") {
			return nil, errors.New("missing )")
		}
		return inner, nil
	}
	return p.clause()
}

func (p *cqlParser) clause() (userFilter, error) {
	field, err := p.next()
	if err != nil {
		return nil, err
	}
	name := strings.ToLower(field.text)
	switch {
	case field.quoted:
		return nil, fmt.Errorf("expected a field, got %q", field.text)
	case name == "type":
		return p.typeClause()
	case name == "user" || name == "user.accountid":
		return p.accountClause()
	case name == "user.fullname":
		return p.fullnameClause()
	}
	return nil, fmt.Errorf("field %q is not supported by user search", field.text)
}

func (p *cqlParser) typeClause() (userFilter, error) {
	negate := p.keyword("!=")
	if !negate && !p.keyword("=") {
		return nil, errors.New("type supports = and !=")
	}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(v, "user") {
		return nil, fmt.Errorf("user search only supports type=user, not %q", v)
	}
	return func(User) bool { return !negate }, nil
}

func (p *cqlParser) accountClause() (userFilter, error) {
	var ids []string
	negate := false
	switch {
	case p.keyword("="), p.keyword("!="):
		negate = p.toks[p.pos-1].text == "!="
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		ids = []string{v}
	case p.keyword("IN"), p.keyword("NOT", "IN"):
		negate = strings.EqualFold(p.toks[p.pos-2].text, "NOT")
		list, err := p.list()
		if err != nil {
			return nil, err
		}
		ids = list
	default:
		return nil, errors.New("user supports =, !=, IN and NOT IN")
	}
	return func(u User) bool { return slices.Contains(ids, u.AccountID) != negate }, nil
}

func (p *cqlParser) fullnameClause() (userFilter, error) {
	negate := p.keyword("!~")
	if !negate && !p.keyword("~") {
		return nil, errors.New("user.fullname supports ~ and !~")
	}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	prefix := strings.ToLower(strings.TrimSpace(v))
	return func(u User) bool { return nameHasPrefix(u.DisplayName, prefix) != negate }, nil
}

// nameHasPrefix reports whether the whole display name or any of its words starts with prefix.
func nameHasPrefix(displayName, prefix string) bool {
	name := strings.ToLower(displayName)
	if strings.HasPrefix(name, prefix) {
		return true
	}
	return slices.ContainsFunc(strings.Fields(name), func(w string) bool { return strings.HasPrefix(w, prefix) })
}

func (p *cqlParser) value() (string, error) {
	t, err := p.next()
	if err != nil {
		return "", err
	}
	if !t.quoted && strings.ContainsAny(t.text, "(),=~!") {
		return "", fmt.Errorf("expected a value, got %q", t.text)
	}
	return t.text, nil
}

func (p *cqlParser) list() ([]string, error) {
	if !p.keyword("(") {
		return nil, errors.New("IN needs a parenthesised list")
	}
	var out []string
	for {
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		if p.keyword(")") {
			return out, nil
		}
		if !p.keyword(",") {
			return nil, errors.New("expected , or ) in list")
		}
	}
}
