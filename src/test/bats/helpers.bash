# Shared by the bats suites: the executables under test, secrets, signatures and the web validator's life.
# WHCK_UNDER_TEST and VALIDATOR_UNDER_TEST are the paths bin/cli and bin/server print (bin/test.sh sets them).

FIXTURES="$BATS_TEST_DIRNAME/fixtures"
# GitHub's published test vector (docs.github.com, "Validating webhook deliveries").
VECTOR_SECRET="It's a Secret to Everybody"
VECTOR_BODY='Hello, World!'
VECTOR_SIGNATURE=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17

: "${WHCK_UNDER_TEST:?run through bin/test.sh, or set WHCK_UNDER_TEST to the path bin/cli prints}"
: "${VALIDATOR_UNDER_TEST:?run through bin/test.sh, or set VALIDATOR_UNDER_TEST to the path bin/server prints}"

# The base16 identifier of a repository URL, computed with od (not with the code under test).
hex() {
  printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'
}

# secret DIRECTORY IDENTIFIER SECRET [MODE]: writes a secrets file as a user would (echo adds a newline).
secret() {
  mkdir -p "$1"
  echo "$3" > "$1/$2"
  chmod "${4:-600}" "$1/$2"
}

# The hex HMAC-SHA256 of a file under a secret, computed by openssl.
hmac_file() {
  openssl dgst -sha256 -hmac "$2" < "$1" | sed 's/^.* //'
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_validator PORT LOG [ARG]: starts the web validator in the background (environment from the caller,
# working directory VALIDATOR_CWD) and waits until it answers, or fails with its log when it exits first.
start_validator() {
  local port=$1 log=$2
  shift 2
  (cd "${VALIDATOR_CWD:-.}" && exec "$VALIDATOR_UNDER_TEST" "$@") > "$log" 2>&1 3>&- &
  VALIDATOR_PID=$!
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
      return 0
    fi
    if ! kill -0 "$VALIDATOR_PID" 2> /dev/null; then
      cat "$log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "the validator did not answer on port $port within 30 s" >&2
  return 1
}

stop_validator() {
  if [ -n "${VALIDATOR_PID:-}" ]; then
    kill "$VALIDATOR_PID" 2> /dev/null || true
    wait "$VALIDATOR_PID" 2> /dev/null || true
    VALIDATOR_PID=
  fi
}

# post PORT BODY_FILE HEADER...: POSTs the file's exact bytes; prints the HTTP status.
post() {
  local port=$1 body=$2
  shift 2
  local headers=()
  for header in "$@"; do
    headers+=(-H "$header")
  done
  curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' "${headers[@]}" \
    --data-binary "@$body" "http://127.0.0.1:$port/"
}

# A PATH with the JDK and the basic tools, and no whck on it.
plain_path() {
  printf '%s:/usr/bin:/bin' "$(dirname "$(readlink -f "$(command -v java)")")"
}
