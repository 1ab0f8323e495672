package httpx

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"
)

// PageLinks is the part of the _links object of Confluence list responses that paging follows.
type PageLinks struct {
	Base string `json:"base"`
	Next string `json:"next"`
}

// offsetPage is a Confluence v1 list envelope (start/limit paging). TotalSize is there only when asked
// for (shouldReturnTotalSize).
type offsetPage[T any] struct {
	Results   []T       `json:"results"`
	Start     int       `json:"start"`
	Limit     int       `json:"limit"`
	Size      int       `json:"size"`
	TotalSize *int      `json:"totalSize"`
	Links     PageLinks `json:"_links"`
}

// CursorPage is a Confluence v2 list envelope (opaque cursor paging).
type CursorPage[T any] struct {
	Results []T       `json:"results"`
	Links   PageLinks `json:"_links"`
}

// maxPages stops a server that keeps answering with a next link from looping forever.
const maxPages = 100000

// CollectOffset reads every page of a Confluence v1 list. It follows _links.next, which is relative to
// _links.base; when the link cannot be used it asks for start+limit instead. It stops when a page has no
// next link.
func CollectOffset[T any](ctx context.Context, c *Client, path string, query url.Values) ([]T, error) {
	return collectOffsetFrom[T](ctx, c, path, query, path, query, nil)
}

// collectOffsetFrom reads pages one after another from the request next and q, appending to all.
func collectOffsetFrom[T any](ctx context.Context, c *Client, path string, query url.Values, next string, q url.Values, all []T) ([]T, error) {
	for range maxPages {
		var page offsetPage[T]
		if _, err := c.Do(ctx, http.MethodGet, next, q, nil, &page); err != nil {
			return all, err
		}
		all = append(all, page.Results...)
		var more bool
		if next, q, more = c.nextOffsetPage(path, query, page.Start, page.Size, page.Links); !more {
			return all, nil
		}
	}
	return all, fmt.Errorf("GET %s: more than %d pages; giving up", path, maxPages)
}

// nextOffsetPage is the request for the page after one that started at start and held size items: its
// _links.next, or start+size when the link cannot be used. more is false after the last page.
func (c *Client) nextOffsetPage(path string, query url.Values, start, size int, links PageLinks) (next string, q url.Values, more bool) {
	if links.Next == "" {
		return "", nil, false
	}
	if link, err := c.pathFromLink(links.Next, links.Base); err == nil {
		return link, nil, true
	}
	if size == 0 {
		return "", nil, false // no link we can follow and nothing to step over
	}
	q = cloneValues(query)
	q.Set("start", strconv.Itoa(start+size))
	return path, q, true
}

// CollectOffsetConcurrently reads the same pages as CollectOffset, in the same order, but up to workers at
// once: the first page asks for the list's total size (shouldReturnTotalSize), and the pages after it are
// then asked for by start, as many requests as reading them one after another takes. A list that grows
// meanwhile is read on to its end page by page; a server that gives no total is read page by page.
func CollectOffsetConcurrently[T any](ctx context.Context, c *Client, path string, query url.Values, workers int) ([]T, error) {
	q := cloneValues(query)
	q.Set("shouldReturnTotalSize", "true")
	var first offsetPage[T]
	if _, err := c.Do(ctx, http.MethodGet, path, q, nil, &first); err != nil {
		return nil, err
	}
	step := max(first.Limit, first.Size)
	if first.Links.Next == "" || first.TotalSize == nil || first.Size == 0 || step == 0 {
		next, q, more := c.nextOffsetPage(path, query, first.Start, first.Size, first.Links)
		if !more {
			return first.Results, nil
		}
		return collectOffsetFrom(ctx, c, path, query, next, q, first.Results)
	}
	starts := make([]int, 0, (*first.TotalSize-first.Start)/step)
	for start := first.Start + first.Size; start < *first.TotalSize; start += step {
		starts = append(starts, start)
	}
	if len(starts) >= maxPages {
		return first.Results, fmt.Errorf("GET %s: more than %d pages; giving up", path, maxPages)
	}
	pages := make([]offsetPage[T], len(starts))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for i, start := range starts {
		g.Go(func() error {
			pq := cloneValues(query)
			pq.Set("start", strconv.Itoa(start))
			pq.Set("limit", strconv.Itoa(step))
			_, err := c.Do(gctx, http.MethodGet, path, pq, nil, &pages[i])
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return first.Results, err
	}
	all := first.Results
	for _, p := range pages {
		all = append(all, p.Results...)
	}
	last := first
	if len(pages) > 0 {
		last = pages[len(pages)-1]
	}
	if next, q, more := c.nextOffsetPage(path, query, last.Start, last.Size, last.Links); more {
		return collectOffsetFrom(ctx, c, path, query, next, q, all)
	}
	return all, nil
}

// CollectCursor reads every page of a Confluence v2 list, following the Link header's rel="next" and
// falling back to _links.next.
func CollectCursor[T any](ctx context.Context, c *Client, path string, query url.Values) ([]T, error) {
	var all []T
	next, q := path, query
	for range maxPages {
		var page CursorPage[T]
		resp, err := c.Do(ctx, http.MethodGet, next, q, nil, &page)
		if err != nil {
			return all, err
		}
		all = append(all, page.Results...)
		links := parseLinkHeader(resp.Header.Values("Link"))
		link, base := links["next"], links["base"]
		if link == "" {
			link = page.Links.Next
		}
		if base == "" {
			base = page.Links.Base
		}
		if link == "" {
			return all, nil
		}
		if next, err = c.pathFromLink(link, base); err != nil {
			return all, fmt.Errorf("GET %s: unusable next-page link: %w", path, err)
		}
		q = nil
	}
	return all, fmt.Errorf("GET %s: more than %d pages; giving up", path, maxPages)
}

// pathFromLink turns a next-page link into a path for Do. Links may be absolute, relative to the host,
// or relative to base (Confluence v1 gives "/rest/api/..." with base ".../wiki"); the result is relative
// to this client's base URL so that requests stay on the configured host.
func (c *Client) pathFromLink(link, base string) (string, error) {
	u, err := url.Parse(link)
	if err != nil {
		return "", err
	}
	hostPath := u.Path
	if !u.IsAbs() {
		basePath := ""
		if b, err := url.Parse(base); err == nil {
			basePath = strings.TrimRight(b.Path, "/")
		}
		if basePath != "" && hostPath != basePath && !strings.HasPrefix(hostPath, basePath+"/") {
			hostPath = basePath + "/" + strings.TrimLeft(hostPath, "/")
		}
	}
	if prefix := strings.TrimRight(c.base.Path, "/"); prefix != "" {
		trimmed, ok := strings.CutPrefix(hostPath, prefix)
		if !ok {
			return "", fmt.Errorf("link %q is outside %s", link, c.base.Path)
		}
		hostPath = trimmed
	}
	rel := url.URL{Path: hostPath, RawQuery: u.RawQuery}
	return rel.String(), nil
}

// parseLinkHeader reads RFC 8288 Link headers into rel → target.
func parseLinkHeader(values []string) map[string]string {
	links := map[string]string{}
	for _, value := range values {
		for _, part := range strings.Split(value, ",") {
			segments := strings.Split(part, ";")
			target := strings.TrimSpace(segments[0])
			if !strings.HasPrefix(target, "<") || !strings.HasSuffix(target, ">") {
				continue
			}
			target = target[1 : len(target)-1]
			for _, param := range segments[1:] {
				key, val, ok := strings.Cut(strings.TrimSpace(param), "=")
				if !ok || !strings.EqualFold(key, "rel") {
					continue
				}
				for _, rel := range strings.Fields(strings.Trim(val, `"`)) {
					links[strings.ToLower(rel)] = target
				}
			}
		}
	}
	return links
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
