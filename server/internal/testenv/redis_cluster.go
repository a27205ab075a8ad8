package testenv

import (
	"os/exec"
	"strings"
	"testing"
	"time"
)

// StartRedisCluster starts a Redis Cluster of n masters (no replicas),
// each a private redis-server on a free port, joins them with redis-cli
// and waits until the cluster answers. It returns the masters' addresses.
func StartRedisCluster(t testing.TB, n int) []string {
	t.Helper()
	cli, err := exec.LookPath("redis-cli")
	if err != nil {
		missing(t, Redis, "redis-cli is not installed (Debian: apt-get install redis-tools)")
	}
	addrs := make([]string, n)
	for i := range addrs {
		addrs[i], _ = StartRedis(t, "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
			"--cluster-node-timeout", "2000")
	}
	args := append([]string{"--cluster", "create"}, addrs...)
	args = append(args, "--cluster-replicas", "0", "--cluster-yes")
	if out, err := exec.Command(cli, args...).CombinedOutput(); err != nil {
		t.Fatalf("testenv: redis-cli --cluster create: %v\n%s", err, out)
	}
	deadline := time.Now().Add(redisStartTimeout)
	for {
		out, err := exec.Command(cli, "-h", "127.0.0.1", "-p", strings.Split(addrs[0], ":")[1], "cluster", "info").Output()
		if err == nil && strings.Contains(string(out), "cluster_state:ok") {
			return addrs
		}
		if time.Now().After(deadline) {
			t.Fatalf("testenv: the Redis cluster is not ok after %v: %v\n%s", redisStartTimeout, err, out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
