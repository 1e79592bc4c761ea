package server

import (
	"math"
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// Cache keeps the validated 200 bodies of recently read users, so that reading the same user
// again costs one small version query instead of reading, encoding and validating every log.
// An entry is keyed by client and user and remembers the version of the logs it holds; a body
// is served from the cache only while the store still reports that version, so writes by an
// import or by another server sharing the database are seen at once. Only bodies that passed
// response validation (or all bodies, with validation off) are stored: every distinct response
// is validated once.
//
// The cache is bounded in bytes and evicts the least recently used entries; a body larger than
// an eighth of the capacity is not kept.
type Cache struct {
	mu       sync.Mutex
	capacity int
	size     int
	lru      *simplelru.LRU[cacheKey, *cacheEntry] // bounded by size, not by its count
}

type cacheKey struct{ clientID, userID string }

type cacheEntry struct {
	version int64
	body    []byte // never modified once stored
}

// NewCache returns a cache of at most capacity bytes of bodies; capacity 0 returns nil, which
// caches nothing.
func NewCache(capacity int) *Cache {
	if capacity <= 0 {
		return nil
	}
	c := &Cache{capacity: capacity}
	c.lru, _ = simplelru.NewLRU(math.MaxInt, func(_ cacheKey, e *cacheEntry) { c.size -= len(e.body) })
	return c
}

// get returns the cached body of key and the version it holds.
func (c *Cache) get(key cacheKey) (*cacheEntry, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Get(key)
}

// put stores a copy of body as the body of key at version, replacing an older version.
func (c *Cache) put(key cacheKey, version int64, body []byte) {
	if c == nil || len(body) > c.capacity/8 {
		return
	}
	e := &cacheEntry{version: version, body: append([]byte(nil), body...)}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.lru.Peek(key); ok {
		if old.version > version {
			return // a newer body is already here
		}
		c.lru.Remove(key)
	}
	c.lru.Add(key, e)
	c.size += len(e.body)
	for c.size > c.capacity {
		c.lru.RemoveOldest()
	}
}

// Len returns the number of cached bodies.
func (c *Cache) Len() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}
