package faults

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"time"
)

// DefaultRetryAfter is sent when Config.RetryAfter is zero.
const DefaultRetryAfter = time.Second

// Config says which faults to inject. The zero value injects nothing.
type Config struct {
	Latency          time.Duration // added to every Atlassian/app request
	RateLimitEvery   int           // every Nth request answers 429 (0 = off)
	RateLimitRPS     float64       // above this many requests per second, answer 429 (0 = off)
	RetryAfter       time.Duration // Retry-After sent with 429/503 (whole seconds, at least 1; default 1s)
	UnavailableEvery int           // every Nth request answers 503 with Retry-After (0 = off)
	DropEvery        int           // every Nth request: the connection is closed with no answer (0 = off)
	DropWrites       bool          // with DropEvery: only POST/PUT/PATCH/DELETE are dropped (every Nth
	// write), and only AFTER the handler applied them (the client sees no answer; the change happened)
	// Only, when set, is a regular expression over "METHOD /path" (e.g. `^POST .*/role-assignments$`): only
	// the requests it matches take part in the fault schedule, so a test can fail one kind of request.
	Only string
	// Random, when set, faults the requests the counters above leave unharmed, as a seeded function of each
	// request's content (see Random).
	Random *Random
}

// configJSON is the wire form served by ControlHandler: durations are Go duration strings.
type configJSON struct {
	Latency          string      `json:"latency"`
	RateLimitEvery   int         `json:"rateLimitEvery"`
	RateLimitRPS     float64     `json:"rateLimitRPS"`
	RetryAfter       string      `json:"retryAfter"`
	UnavailableEvery int         `json:"unavailableEvery"`
	DropEvery        int         `json:"dropEvery"`
	DropWrites       bool        `json:"dropWrites"`
	Only             string      `json:"only,omitempty"`
	Random           *randomJSON `json:"random,omitempty"`
}

// MarshalJSON renders durations as Go duration strings ("20ms").
func (c Config) MarshalJSON() ([]byte, error) {
	return json.Marshal(configJSON{
		Latency:          c.Latency.String(),
		RateLimitEvery:   c.RateLimitEvery,
		RateLimitRPS:     c.RateLimitRPS,
		RetryAfter:       c.RetryAfter.String(),
		UnavailableEvery: c.UnavailableEvery,
		DropEvery:        c.DropEvery,
		DropWrites:       c.DropWrites,
		Only:             c.Only,
		Random:           c.Random.toJSON(),
	})
}

// UnmarshalJSON accepts the wire form; absent fields are zero (off), unknown fields
// and negative values are errors so a typo in a test setup cannot silently do nothing.
func (c *Config) UnmarshalJSON(data []byte) error {
	var w configJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return err
	}
	latency, err := parseDuration("latency", w.Latency)
	if err != nil {
		return err
	}
	retryAfter, err := parseDuration("retryAfter", w.RetryAfter)
	if err != nil {
		return err
	}
	random, err := w.Random.parse()
	if err != nil {
		return err
	}
	parsed := Config{
		Latency:          latency,
		RateLimitEvery:   w.RateLimitEvery,
		RateLimitRPS:     w.RateLimitRPS,
		RetryAfter:       retryAfter,
		UnavailableEvery: w.UnavailableEvery,
		DropEvery:        w.DropEvery,
		DropWrites:       w.DropWrites,
		Only:             w.Only,
		Random:           random,
	}
	if err := parsed.validate(); err != nil {
		return err
	}
	*c = parsed
	return nil
}

func parseDuration(field, s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", field, err)
	}
	return d, nil
}

func (c Config) validate() error {
	var errs []error
	if c.Latency < 0 {
		errs = append(errs, errors.New("latency must not be negative"))
	}
	if c.RetryAfter < 0 {
		errs = append(errs, errors.New("retryAfter must not be negative"))
	}
	if c.RateLimitRPS < 0 {
		errs = append(errs, errors.New("rateLimitRPS must not be negative"))
	}
	counters := []struct {
		name string
		n    int
	}{{"rateLimitEvery", c.RateLimitEvery}, {"unavailableEvery", c.UnavailableEvery}, {"dropEvery", c.DropEvery}}
	for _, counter := range counters {
		if counter.n < 0 {
			errs = append(errs, fmt.Errorf("%s must not be negative", counter.name))
		}
	}
	if _, err := regexp.Compile(c.Only); err != nil {
		errs = append(errs, fmt.Errorf("only: %w", err))
	}
	if err := c.Random.validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// normalized turns negative settings off and fills in the default Retry-After, so
// the injector never has to second-guess its configuration.
func (c Config) normalized() Config {
	c.Latency = max(c.Latency, 0)
	c.RateLimitEvery = max(c.RateLimitEvery, 0)
	c.RateLimitRPS = max(c.RateLimitRPS, 0)
	c.UnavailableEvery = max(c.UnavailableEvery, 0)
	c.DropEvery = max(c.DropEvery, 0)
	if c.RetryAfter <= 0 {
		c.RetryAfter = DefaultRetryAfter
	}
	if c.Random != nil {
		r := *c.Random // the injector keeps its own copy
		r.MaxLatency = max(r.MaxLatency, 0)
		r.MaxPerRequest = max(r.MaxPerRequest, 0)
		c.Random = &r
	}
	return c
}

// retryAfterSeconds is the Retry-After header value: whole seconds, rounded up, at least 1.
func (c Config) retryAfterSeconds() int {
	secs := int((c.RetryAfter + time.Second - 1) / time.Second)
	return max(secs, 1)
}
