// Package ratelimit limits how fast a key (a visitor, an IP) may act. The
// memory limiter serves one node; a shared one can implement Limiter later.
package ratelimit

import (
	"math"
	"sync"
	"time"
)

// Limiter decides whether key may act now.
type Limiter interface {
	// Allow takes one token for key. When none is left it returns false and
	// how long until one will be.
	Allow(key string) (bool, time.Duration)
}

// Memory is a token-bucket limiter held in this process.
type Memory struct {
	rate  float64 // tokens per second
	burst float64
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

var _ Limiter = (*Memory)(nil)

// NewMemory allows perMinute actions per key on average, in bursts of up to
// burst.
func NewMemory(perMinute, burst int) *Memory {
	return &Memory{rate: float64(perMinute) / 60, burst: float64(burst), now: time.Now, buckets: make(map[string]*bucket)}
}

// Allow implements Limiter.
func (m *Memory) Allow(key string) (bool, time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	m.sweep(now)
	b, ok := m.buckets[key]
	if !ok {
		b = &bucket{tokens: m.burst, at: now}
		m.buckets[key] = b
	}
	b.tokens = math.Min(m.burst, b.tokens+now.Sub(b.at).Seconds()*m.rate)
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / m.rate * float64(time.Second))
	return false, wait
}

// sweep drops full buckets once a minute so idle keys cost nothing.
func (m *Memory) sweep(now time.Time) {
	if now.Sub(m.swept) < time.Minute {
		return
	}
	m.swept = now
	for k, b := range m.buckets {
		if b.tokens+now.Sub(b.at).Seconds()*m.rate >= m.burst {
			delete(m.buckets, k)
		}
	}
}

// Exhausted reports whether key has no token left, without taking one:
// sign-in throttling counts only failures, but checks before every try.
func (m *Memory) Exhausted(key string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.buckets[key]
	if !ok {
		return false
	}
	return math.Min(m.burst, b.tokens+m.now().Sub(b.at).Seconds()*m.rate) < 1
}
