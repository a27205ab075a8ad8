package storetest

import (
	"bufio"
	"context"
	crand "crypto/rand"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/parley-chat/parley/server/store"
)

// spreadConvs is how many conversations the spread benchmark writes to,
// as a node with a thousand visitors chatting has them.
const spreadConvs = 1000

// spreadConv is a conversation of the spread benchmark and its visitor.
type spreadConv struct{ id, visitor string }

// startSpread starts the spread benchmark's conversations.
func startSpread(b *testing.B, s store.Store, siteID string) []spreadConv {
	convs := make([]spreadConv, spreadConvs)
	for i := range convs {
		if convs[i].id, convs[i].visitor = benchConv(b, s, siteID); b.Failed() {
			b.FailNow()
		}
	}
	return convs
}

// benchSpread is 64 senders at once over the conversations startSpread
// made, with random CMIDs as clients make them, visitors and agents
// taking turns. It reports the bytes and write calls the benchmark
// process made per append (/proc/self/io, Linux): for SQLite its WAL and
// checkpoint writes, where the write amplification of scattered index
// pages shows; for PostgreSQL the protocol bytes sent.
func benchSpread(b *testing.B, s store.Store, convs []spreadConv) {
	ctx := context.Background()
	var n atomic.Int64
	b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0)))
	before := selfIO()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c := convs[rand.IntN(len(convs))]
			m := store.NewMessage{ConvID: c.id, AuthorKind: "agent", AuthorID: "a1", CMID: crand.Text(), Body: "benchmark message body, about as long as a chat line"}
			if n.Add(1)%2 == 0 {
				m.AuthorKind, m.AuthorID = "visitor", c.visitor
			}
			if _, err := s.AppendMessage(ctx, m); err != nil {
				b.Error(err)
			}
		}
	})
	b.StopTimer()
	if after := selfIO(); after != nil && before != nil {
		b.ReportMetric(float64(after["wchar"]-before["wchar"])/float64(b.N), "written-B/op")
		b.ReportMetric(float64(after["syscw"]-before["syscw"])/float64(b.N), "write-calls/op")
	}
}

// selfIO reads /proc/self/io; nil where there is none.
func selfIO() map[string]int64 {
	f, err := os.Open("/proc/self/io")
	if err != nil {
		return nil
	}
	defer f.Close()
	out := map[string]int64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ": ")
		if ok {
			out[k], _ = strconv.ParseInt(v, 10, 64)
		}
	}
	return out
}
