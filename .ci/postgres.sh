#!/usr/bin/env bash
# PostgreSQL for the tests (claimtrack_testkit::pg): installs Debian's server when missing,
# starts a cluster when none runs, and creates the role the tests connect as. Idempotent; run as
# root. Prints the URL to export as CLAIMTRACK_TEST_PG, e.g. from .ci/run:
#
#   export CLAIMTRACK_TEST_PG="$(.ci/postgres.sh)"
#
# The role is a superuser (the tests create and drop one database per test, and roles for the
# read-only test) with a password, reached over TCP on 127.0.0.1 (Debian's pg_hba.conf allows
# scram-sha-256 there); sslmode stays Debian's default (ssl on, a self-signed certificate), so
# the TLS test runs too.
set -euo pipefail

ROLE=${CLAIMTRACK_TEST_PG_ROLE:-claimtrack_test}
PASSWORD=${CLAIMTRACK_TEST_PG_PASSWORD:-claimtrack}
PORT=${CLAIMTRACK_TEST_PG_PORT:-5432}

log() { printf '%s\n' "$*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    log "==> installing postgresql (Debian package)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
fi

# The newest installed cluster (Debian creates "main" with the package).
read -r VERSION CLUSTER _ < <(pg_lsclusters --no-header | sort -k1,1V | tail -n 1)
if [[ -z "${VERSION:-}" ]]; then
    VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    CLUSTER=main
    log "==> creating cluster $VERSION/$CLUSTER"
    pg_createcluster "$VERSION" "$CLUSTER" --port "$PORT" >&2
fi
if ! pg_lsclusters --no-header | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c' | grep -q online; then
    log "==> starting cluster $VERSION/$CLUSTER"
    pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi
PORT=$(pg_lsclusters --no-header | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $3}')

su postgres -c "psql -q -p $PORT -v ON_ERROR_STOP=1" >&2 <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
        CREATE ROLE "$ROLE" LOGIN SUPERUSER PASSWORD '$PASSWORD';
    ELSE
        ALTER ROLE "$ROLE" LOGIN SUPERUSER PASSWORD '$PASSWORD';
    END IF;
END
\$\$;
SQL

URL="postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/postgres"
# Wait until the server accepts TCP connections with the role.
for _ in $(seq 1 30); do
    if PGPASSWORD="$PASSWORD" psql -q -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
        echo "$URL"
        exit 0
    fi
    sleep 1
done
log "PostgreSQL at 127.0.0.1:$PORT does not accept $ROLE"
exit 1
