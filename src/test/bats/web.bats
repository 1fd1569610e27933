#!/usr/bin/env bats
# The gateway's web validator against the forge endpoints spec's web conventions and sources table, in both
# ways it checks claims: in-process against the secrets directory, and by running the whck program.

load helpers

GITHUB_REPO=https://github.com/octocat/Hello-World
GITEA_REPO=http://localhost:3000/gitea/webhooks
GITLAB_REPO=http://example.com/mike/diaspora.git
SECRET="It's a Secret to Everybody"

setup_file() {
  export SECRETS="$BATS_FILE_TMPDIR/secrets"
  secret "$SECRETS" "$(hex "$GITHUB_REPO")" "$SECRET"
  secret "$SECRETS" "$(hex "$GITEA_REPO")" "$SECRET"
  secret "$SECRETS" "$(hex "$GITLAB_REPO")" "$SECRET"
  mkdir -p "$BATS_FILE_TMPDIR/empty"
  export DIRECTORY_PORT PROGRAM_PORT DIRECTORY_PID PROGRAM_PID
  DIRECTORY_PORT=$(free_port)
  VALIDATOR_CWD="$BATS_FILE_TMPDIR/empty" PATH=$(plain_path) WHCK_DIR="$SECRETS" FORGEHOOKPORT=$DIRECTORY_PORT \
    start_validator "$DIRECTORY_PORT" "$BATS_FILE_TMPDIR/directory.log"
  DIRECTORY_PID=$VALIDATOR_PID
  PROGRAM_PORT=$(free_port)
  VALIDATOR_CWD="$BATS_FILE_TMPDIR/empty" WHCK="$WHCK_UNDER_TEST" WHCK_DIR="$SECRETS" FORGEHOOKPORT=$PROGRAM_PORT \
    start_validator "$PROGRAM_PORT" "$BATS_FILE_TMPDIR/program.log"
  PROGRAM_PID=$VALIDATOR_PID
}

teardown_file() {
  VALIDATOR_PID=$DIRECTORY_PID stop_validator
  VALIDATOR_PID=$PROGRAM_PID stop_validator
}

teardown() {
  stop_validator
}

# both EXPECTED BODY HEADER...: the status from both validators must be EXPECTED.
both() {
  local expected=$1
  shift
  for port in "$DIRECTORY_PORT" "$PROGRAM_PORT"; do
    got=$(post "$port" "$@")
    echo "port $port ($([ "$port" = "$DIRECTORY_PORT" ] && echo directory || echo program)): $got"
    [ "$got" = "$expected" ]
  done
}

@test "bin/server exits 0 and prints the absolute path of an executable" {
  run "$BATS_TEST_DIRNAME/../../../bin/server"
  [ "$status" -eq 0 ]
  [ "${lines[-1]}" = "$VALIDATOR_UNDER_TEST" ]
  [[ "${lines[-1]}" == /* ]]
  [ -x "${lines[-1]}" ]
}

@test "the validators say which way they check claims" {
  grep -q "with the secrets directory $SECRETS" "$BATS_FILE_TMPDIR/directory.log"
  grep -q "with the whck program $WHCK_UNDER_TEST" "$BATS_FILE_TMPDIR/program.log"
}

@test "Gitea: X-Gitea-Signature over the body, for repository.html_url, is answered 200" {
  body="$FIXTURES/gitea-push.json"
  both 200 "$body" "X-Gitea-Event: push" "X-Gitea-Delivery: f6266f16-1bf3-46a5-9ea4-602e06ead473" \
    "X-Gitea-Signature: $(hmac_file "$body" "$SECRET")"
}

@test "GitHub: X-Hub-Signature-256, sent with the legacy X-Hub-Signature as GitHub does, is answered 200" {
  body="$FIXTURES/github-push.json"
  sha1=$(openssl dgst -sha1 -hmac "$SECRET" < "$body" | sed 's/^.* //')
  both 200 "$body" "X-GitHub-Event: push" "X-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958" \
    "User-Agent: GitHub-Hookshot/044aadd" "X-Hub-Signature: sha1=$sha1" \
    "X-Hub-Signature-256: sha256=$(hmac_file "$body" "$SECRET")"
}

@test "GitHub: the spec's X-Hub-Signature carrying sha256= is answered 200; SHA-1 alone is not" {
  body="$FIXTURES/github-push.json"
  both 200 "$body" "X-GitHub-Event: push" "X-Hub-Signature: sha256=$(hmac_file "$body" "$SECRET")"
  sha1=$(openssl dgst -sha1 -hmac "$SECRET" < "$body" | sed 's/^.* //')
  both 401 "$body" "X-GitHub-Event: push" "X-Hub-Signature: sha1=$sha1"
}

@test "GitLab: X-Gitlab-Token, for project.git_http_url, is answered 200" {
  both 200 "$FIXTURES/gitlab-push.json" "X-Gitlab-Event: Push Hook" \
    "X-Gitlab-Event-UUID: 13792a34-cac6-4fda-95a8-c58e00a3954e" "X-Gitlab-Token: $SECRET"
}

@test "wrong claims are refused for each source" {
  both 401 "$FIXTURES/gitea-push.json" "X-Gitea-Signature: $(hmac_file "$FIXTURES/gitea-push.json" wrong)"
  both 401 "$FIXTURES/github-push.json" \
    "X-Hub-Signature-256: sha256=$(hmac_file "$FIXTURES/github-push.json" wrong)"
  both 401 "$FIXTURES/gitlab-push.json" "X-Gitlab-Token: wrong"
  both 401 "$FIXTURES/gitea-push.json" "X-Gitea-Signature: not-hex"
}

@test "a body changed after signing is refused" {
  sig=$(hmac_file "$FIXTURES/github-push.json" "$SECRET")
  sed 's/refs\/heads\/main/refs\/heads\/evil/' "$FIXTURES/github-push.json" > "$BATS_TEST_TMPDIR/changed.json"
  both 401 "$BATS_TEST_TMPDIR/changed.json" "X-Hub-Signature-256: sha256=$sig"
}

@test "missing claims are refused: no signature or token header, or an empty one" {
  both 401 "$FIXTURES/github-push.json" "X-GitHub-Event: push"
  both 401 "$FIXTURES/gitlab-push.json" "X-Gitlab-Event: Push Hook" "X-Gitlab-Token;"
}

@test "a repository without a secret, or a payload without its URL, is refused" {
  sed "s#$GITHUB_REPO\"#https://github.com/octocat/Other\"#" "$FIXTURES/github-push.json" > "$BATS_TEST_TMPDIR/other.json"
  both 401 "$BATS_TEST_TMPDIR/other.json" "X-Hub-Signature-256: sha256=$(hmac_file "$BATS_TEST_TMPDIR/other.json" "$SECRET")"
  printf '{"ref":"refs/heads/main"}' > "$BATS_TEST_TMPDIR/nourl.json"
  both 401 "$BATS_TEST_TMPDIR/nourl.json" "X-Hub-Signature-256: sha256=$(hmac_file "$BATS_TEST_TMPDIR/nourl.json" "$SECRET")"
  # GitLab's repository is project.git_http_url, not project.web_url.
  mv "$SECRETS/$(hex "$GITLAB_REPO")" "$SECRETS/$(hex http://example.com/mike/diaspora)"
  result=0
  both 401 "$FIXTURES/gitlab-push.json" "X-Gitlab-Token: $SECRET" || result=$?
  mv "$SECRETS/$(hex http://example.com/mike/diaspora)" "$SECRETS/$(hex "$GITLAB_REPO")"
  [ "$result" -eq 0 ]
}

@test "a secrets file other users can read is refused, and accepted again once chmod 600" {
  file="$SECRETS/$(hex "$GITEA_REPO")"
  sig=$(hmac_file "$FIXTURES/gitea-push.json" "$SECRET")
  chmod 644 "$file"
  result=0
  both 401 "$FIXTURES/gitea-push.json" "X-Gitea-Signature: $sig" || result=$?
  chmod 600 "$file"
  [ "$result" -eq 0 ]
  both 200 "$FIXTURES/gitea-push.json" "X-Gitea-Signature: $sig"
  grep -q "other users" "$BATS_FILE_TMPDIR/directory.log"
}

@test "only POST is accepted" {
  for port in "$DIRECTORY_PORT" "$PROGRAM_PORT"; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" = 405 ]
  done
}

@test "refusals carry the gateway's error envelope and no detail" {
  run curl -s -H "X-Gitlab-Token: wrong" --data-binary "@$FIXTURES/gitlab-push.json" "http://127.0.0.1:$DIRECTORY_PORT/"
  [ "$output" = '{"error_code":"ERR_UNAUTHORIZED","message":"signature verification failed","success":false}' ]
}

@test "port: FORGEHOOKPORT comes before the first argument" {
  env_port=$(free_port)
  arg_port=$(free_port)
  WHCK_DIR="$SECRETS" FORGEHOOKPORT=$env_port start_validator "$env_port" "$BATS_TEST_TMPDIR/log" "$arg_port"
  [ "$(post "$env_port" "$FIXTURES/gitlab-push.json" "X-Gitlab-Token: $SECRET")" = 200 ]
  run curl -s -o /dev/null "http://127.0.0.1:$arg_port/"
  [ "$status" -ne 0 ]
}

@test "port: the first argument when FORGEHOOKPORT is not set" {
  port=$(free_port)
  WHCK_DIR="$SECRETS" start_validator "$port" "$BATS_TEST_TMPDIR/log" "$port"
  [ "$(post "$port" "$FIXTURES/gitlab-push.json" "X-Gitlab-Token: $SECRET")" = 200 ]
}

@test "port: none, or one that is not a port, fails to start (exit 2)" {
  run env -u FORGEHOOKPORT WHCK_DIR="$SECRETS" "$VALIDATOR_UNDER_TEST"
  [ "$status" -eq 2 ]
  [[ "$output" == *FORGEHOOKPORT* ]]
  run env WHCK_DIR="$SECRETS" FORGEHOOKPORT=http "$VALIDATOR_UNDER_TEST"
  [ "$status" -eq 2 ]
  run env -u FORGEHOOKPORT WHCK_DIR="$SECRETS" "$VALIDATOR_UNDER_TEST" 70000
  [ "$status" -eq 2 ]
}

@test "port: one already in use fails to start (exit 4)" {
  run env WHCK_DIR="$SECRETS" FORGEHOOKPORT=$DIRECTORY_PORT "$VALIDATOR_UNDER_TEST"
  [ "$status" -eq 4 ]
}

# fake_whck PATH NAME: a whck that records its name, arguments and body, and accepts everything.
fake_whck() {
  mkdir -p "$(dirname "$1")"
  printf '#!/bin/sh\necho "%s $*" >> "%s"\ncat > "%s"\nexit 0\n' "$2" "$BATS_TEST_TMPDIR/calls" \
    "$BATS_TEST_TMPDIR/body" > "$1"
  chmod +x "$1"
}

# called_after_start CWD PATH [WHCK]: starts a validator and says which fake whck one request ran.
called_after_start() {
  local port
  port=$(free_port)
  rm -f "$BATS_TEST_TMPDIR/calls"
  VALIDATOR_CWD=$1 PATH=$2 WHCK=${3:-} FORGEHOOKPORT=$port WHCK_DIR="$SECRETS" \
    start_validator "$port" "$BATS_TEST_TMPDIR/log"
  post "$port" "$FIXTURES/gitlab-push.json" "X-Gitlab-Token: anything" > /dev/null
  stop_validator
  cut -d' ' -f1 "$BATS_TEST_TMPDIR/calls" 2> /dev/null || echo none
}

@test "whck program: WHCK, then ./bin/whck, then whck on the PATH, else the secrets directory" {
  work="$BATS_TEST_TMPDIR/work"
  fake_whck "$work/bin/whck" local
  fake_whck "$BATS_TEST_TMPDIR/path/whck" path
  fake_whck "$BATS_TEST_TMPDIR/named" named
  [ "$(called_after_start "$work" "$BATS_TEST_TMPDIR/path:$(plain_path)" "$BATS_TEST_TMPDIR/named")" = named ]
  [ "$(called_after_start "$work" "$BATS_TEST_TMPDIR/path:$(plain_path)")" = local ]
  [ "$(called_after_start "$BATS_FILE_TMPDIR/empty" "$BATS_TEST_TMPDIR/path:$(plain_path)")" = path ]
  [ "$(called_after_start "$BATS_FILE_TMPDIR/empty" "$(plain_path)")" = none ]
  grep -q "with the secrets directory" "$BATS_TEST_TMPDIR/log"
}

@test "whck program: it gets KIND, the base16 of the repository URL and the claim, and the exact body" {
  fake_whck "$BATS_TEST_TMPDIR/named" named
  port=$(free_port)
  WHCK="$BATS_TEST_TMPDIR/named" FORGEHOOKPORT=$port start_validator "$port" "$BATS_TEST_TMPDIR/log"
  sig=$(hmac_file "$FIXTURES/gitea-push.json" "$SECRET")
  [ "$(post "$port" "$FIXTURES/gitea-push.json" "X-Gitea-Signature: $sig")" = 200 ]
  [ "$(cat "$BATS_TEST_TMPDIR/calls")" = "named hmac-sha256 $(hex "$GITEA_REPO") $sig" ]
  cmp "$BATS_TEST_TMPDIR/body" "$FIXTURES/gitea-push.json"
  [ "$(post "$port" "$FIXTURES/gitlab-push.json" "X-Gitlab-Token: tok")" = 200 ]
  [ "$(tail -n1 "$BATS_TEST_TMPDIR/calls")" = "named token $(hex "$GITLAB_REPO") tok" ]
}

@test "whck program: any non-zero exit is refused" {
  printf '#!/bin/sh\nexit 4\n' > "$BATS_TEST_TMPDIR/no"
  chmod +x "$BATS_TEST_TMPDIR/no"
  port=$(free_port)
  WHCK="$BATS_TEST_TMPDIR/no" FORGEHOOKPORT=$port start_validator "$port" "$BATS_TEST_TMPDIR/log"
  [ "$(post "$port" "$FIXTURES/gitlab-push.json" "X-Gitlab-Token: $SECRET")" = 401 ]
}

@test "no secrets: a WHCK that is no program, or no program and no directory, fails to start (exit 3)" {
  run env WHCK="$BATS_TEST_TMPDIR/missing" FORGEHOOKPORT=$(free_port) "$VALIDATOR_UNDER_TEST"
  [ "$status" -eq 3 ]
  [[ "$output" == *WHCK* ]]
  run env -u WHCK -u WHCK_DIR -u XDG_CONFIG_HOME HOME="$BATS_TEST_TMPDIR/nohome" PATH="$(plain_path)" \
    FORGEHOOKPORT=$(free_port) "$VALIDATOR_UNDER_TEST"
  [ "$status" -eq 3 ]
  [[ "$output" == *"no secrets directory"* ]]
}
