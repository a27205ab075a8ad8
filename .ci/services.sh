#!/usr/bin/env bash
# Makes the outside services Parley's tests use available, and records how
# to reach PostgreSQL. Called by `make services` (and so by `make test`).
#
#  1. redis-server, PostgreSQL and chromium (and node, for the WASM tests):
#     when one is missing, install it with apt-get if we are root, or print
#     the command to run if not.
#  2. Start any PostgreSQL cluster that is installed but down.
#  3. Find a PostgreSQL URL that works and write it to $PARLEY_CACHE/test-env
#     (a makefile fragment the Makefile includes), so `go test` sees
#     PARLEY_TEST_DATABASE_URL.
#
# Redis is not started here: tests start their own redis-server on free ports.
# Quiet when there is nothing to do; set PARLEY_SERVICES_VERBOSE=1 for more.
#
# PARLEY_TEST_REQUIRE=all (or a comma list of redis,postgres,chromium,node) makes a
# service that cannot be had an error (exit 1) instead of a warning.
set -euo pipefail

cd "$(dirname "$0")/.."
cache=${PARLEY_CACHE:-.cache}
env_file=$cache/test-env
verbose=${PARLEY_SERVICES_VERBOSE:-}
default_url='postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable'
password_url='postgres://postgres:parley@127.0.0.1:5432/postgres?sslmode=disable'
socket_url='postgres:///postgres?host=/var/run/postgresql&user=postgres'
failed=0

say() { echo "services: $*" >&2; }
info() { if [[ -n $verbose ]]; then say "$@"; fi; }

# required SERVICE: does PARLEY_TEST_REQUIRE demand it?
required() {
	local s
	local -a wanted
	IFS=',' read -ra wanted <<<"${PARLEY_TEST_REQUIRE:-}"
	for s in "${wanted[@]}"; do
		s=${s// /}
		if [[ $s == all || $s == "$1" ]]; then return 0; fi
	done
	return 1
}

# problem SERVICE MESSAGE: an error if the service is required, else a warning.
problem() {
	if required "$1"; then
		say "ERROR: $2"
		failed=1
	else
		say "warning: $2 (tests that need $1 will be skipped)"
	fi
}

is_root() { [[ $(id -u) == 0 ]]; }

have_redis() { command -v redis-server >/dev/null; }
have_postgres() { command -v psql >/dev/null && command -v pg_lsclusters >/dev/null && command -v pg_ctlcluster >/dev/null; }
have_chromium() { command -v chromium >/dev/null || command -v chromium-browser >/dev/null; }
have_node() { command -v node >/dev/null; }
have_npm() { command -v npm >/dev/null; }

# install_missing: apt-get install whatever of the three is missing.
install_missing() {
	local pkgs=() svcs=()
	have_redis || { pkgs+=(redis-server); svcs+=(redis); }
	have_postgres || { pkgs+=(postgresql); svcs+=(postgres); }
	have_chromium || { pkgs+=(chromium); svcs+=(chromium); }
	have_node || { pkgs+=(nodejs); svcs+=(node); } # for the WASM tests of shared/
	have_npm || { pkgs+=(npm); svcs+=(npm); }      # axe-core for the accessibility audit
	if ((${#pkgs[@]} == 0)); then return 0; fi

	local cmd="apt-get update && apt-get install -y --no-install-recommends ${pkgs[*]}"
	if ! is_root; then
		local s
		for s in "${svcs[@]}"; do problem "$s" "$s is not installed"; done
		say "to install, run as root: $cmd"
		return 0
	fi
	say "installing ${pkgs[*]} with apt-get"
	local apt=(apt-get -o DPkg::Lock::Timeout=300 -q)
	if ! { DEBIAN_FRONTEND=noninteractive "${apt[@]}" update >/dev/null &&
		DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends "${pkgs[@]}" >"$cache/apt.log" 2>&1; }; then
		say "apt-get failed; its output is in $cache/apt.log"
	fi
	have_redis || problem redis "redis-server is still missing after apt-get"
	have_postgres || problem postgres "PostgreSQL is still missing after apt-get"
	have_chromium || problem chromium "chromium is still missing after apt-get"
	have_node || problem node "node is still missing after apt-get"
}

# start_postgres: start every installed cluster that is down.
start_postgres() {
	local ver name _port status _rest
	while read -r ver name _port status _rest; do
		[[ $status == down ]] || continue
		local cmd="pg_ctlcluster --skip-systemctl-redirect $ver $name start"
		if is_root; then
			say "starting PostgreSQL $ver/$name"
			$cmd >&2 || problem postgres "could not start PostgreSQL $ver/$name"
		else
			problem postgres "PostgreSQL $ver/$name is down; to start it, run as root: $cmd"
		fi
	done < <(pg_lsclusters --no-header 2>/dev/null || true)
}

# works URL: can psql connect and run a query?
works() { PGCONNECT_TIMEOUT=5 psql "$1" -XAtqc 'select 1' >/dev/null 2>&1; }

# find_url: print the first PostgreSQL URL that works, trying the caller's
# own first. A fresh Debian cluster trusts no TCP user and peer-authenticates
# the socket, so as a last resort (as root) give role postgres a password.
find_url() {
	local url
	for url in ${PARLEY_TEST_DATABASE_URL:+"$PARLEY_TEST_DATABASE_URL"} "$default_url" "$password_url" "$socket_url"; do
		if works "$url"; then echo "$url"; return 0; fi
	done
	if is_root && command -v su >/dev/null; then
		info "setting a password for PostgreSQL role postgres over the local socket"
		if (cd / && su postgres -s /bin/sh -c "psql -XAtq -c \"ALTER ROLE postgres PASSWORD 'parley'\"") >/dev/null 2>&1 &&
			works "$password_url"; then
			echo "$password_url"
			return 0
		fi
	fi
	return 1
}

# write_env URL: record URL for the Makefile, touching the file only on change.
write_env() {
	local escaped=${1//\$/\$\$}
	escaped=${escaped//\#/\\\#}
	local content="# Written by .ci/services.sh: how tests reach PostgreSQL.
PARLEY_TEST_DATABASE_URL := $escaped"
	if [[ -f $env_file && $(<"$env_file") == "$content" ]]; then return 0; fi
	printf '%s\n' "$content" >"$env_file"
	say "PARLEY_TEST_DATABASE_URL=$1 (saved in $env_file)"
}

main() {
	mkdir -p "$cache"
	install_missing
	if have_postgres; then
		start_postgres
		local url
		if url=$(find_url); then
			write_env "$url"
		else
			rm -f "$env_file"
			problem postgres "no PostgreSQL URL works (tried PARLEY_TEST_DATABASE_URL, $default_url, the socket and a password); set PARLEY_TEST_DATABASE_URL"
		fi
	fi
	info "redis-server: $(command -v redis-server || echo missing); chromium: $(command -v chromium || command -v chromium-browser || echo missing)"
	exit "$failed"
}

main "$@"
