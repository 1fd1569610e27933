#!/usr/bin/env bats
# The gateway's whck against the forge endpoints spec's command-line conventions.

load helpers

REPO=https://github.com/octocat/Hello-World

setup() {
  ID=$(hex "$REPO")
  DIR="$BATS_TEST_TMPDIR/secrets"
  secret "$DIR" "$ID" "$VECTOR_SECRET"
  printf '%s' "$VECTOR_BODY" > "$BATS_TEST_TMPDIR/body"
  # Only what a test sets: no discovery rule may reach the real user's secrets.
  unset XDG_CONFIG_HOME
  export HOME="$BATS_TEST_TMPDIR/nohome"
  export WHCK_DIR="$DIR"
}

whck() {
  "$WHCK_UNDER_TEST" "$@" < "$BATS_TEST_TMPDIR/body"
}

@test "bin/cli exits 0 and prints the absolute path of an executable" {
  run "$BATS_TEST_DIRNAME/../../../bin/cli"
  [ "$status" -eq 0 ]
  [ "${lines[-1]}" = "$WHCK_UNDER_TEST" ]
  [[ "${lines[-1]}" == /* ]]
  [ -x "${lines[-1]}" ]
}

@test "bin/cli does not rebuild what is up to date" {
  jar="$(dirname "$WHCK_UNDER_TEST")/../target/whck/whck.jar"
  before=$(stat -c %Y "$jar")
  run "$BATS_TEST_DIRNAME/../../../bin/cli"
  [ "$status" -eq 0 ]
  [ "$(stat -c %Y "$jar")" = "$before" ]
}

@test "GitHub's test vector is valid, with and without the sha256= prefix" {
  run whck hmac-sha256 "$ID" "sha256=$VECTOR_SIGNATURE"
  [ "$status" -eq 0 ]
  [ -z "$output" ]
  run whck hmac-sha256 "$ID" "$VECTOR_SIGNATURE"
  [ "$status" -eq 0 ]
}

@test "GitHub's test vector with one byte of the body changed is invalid (exit 1)" {
  printf '%s' 'Hello, World?' > "$BATS_TEST_TMPDIR/body"
  run whck hmac-sha256 "$ID" "sha256=$VECTOR_SIGNATURE"
  [ "$status" -eq 1 ]
  [[ "$output" == *"invalid claim"* ]]
}

@test "a claim with one byte changed, a malformed claim and an empty claim are invalid (exit 1)" {
  run whck hmac-sha256 "$ID" "sha256=857107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
  [ "$status" -eq 1 ]
  run whck hmac-sha256 "$ID" "sha256=not-hex"
  [ "$status" -eq 1 ]
  run whck hmac-sha256 "$ID" "sha1=0123456789abcdef0123456789abcdef01234567"
  [ "$status" -eq 1 ]
  run whck hmac-sha256 "$ID" ""
  [ "$status" -eq 1 ]
}

@test "a signature computed by openssl over a real push payload is valid" {
  sig=$(hmac_file "$FIXTURES/github-push.json" "$VECTOR_SECRET")
  run "$WHCK_UNDER_TEST" hmac-sha256 "$ID" "sha256=$sig" < "$FIXTURES/github-push.json"
  [ "$status" -eq 0 ]
}

@test "token: the secret itself is valid and the body is not read" {
  run "$WHCK_UNDER_TEST" token "$ID" "$VECTOR_SECRET" < /dev/null
  [ "$status" -eq 0 ]
  # A body that never ends: a token check that read it would hang.
  run timeout 20 "$WHCK_UNDER_TEST" token "$ID" "$VECTOR_SECRET" < /dev/zero
  [ "$status" -eq 0 ]
}

@test "token: another token or none is invalid (exit 1)" {
  run whck token "$ID" "It's a secret to everybody"
  [ "$status" -eq 1 ]
  run whck token "$ID" ""
  [ "$status" -eq 1 ]
}

@test "a base64 identifier names its file as well" {
  b64=$(printf '%s' "$REPO" | base64 -w0 | tr '/' '_')
  secret "$DIR" "$b64" "other secret"
  run whck token "$b64" "other secret"
  [ "$status" -eq 0 ]
}

@test "wrong arguments are usage errors (exit 2)" {
  run whck
  [ "$status" -eq 2 ]
  [[ "$output" == *"usage: whck"* ]]
  run whck hmac-sha256 "$ID"
  [ "$status" -eq 2 ]
  run whck hmac-sha256 "$ID" "$VECTOR_SIGNATURE" extra
  [ "$status" -eq 2 ]
  run whck hmac-sha1 "$ID" "$VECTOR_SIGNATURE"
  [ "$status" -eq 2 ]
  run whck token "../secrets/$ID" "$VECTOR_SECRET"
  [ "$status" -eq 2 ]
  run whck token ".hidden" "$VECTOR_SECRET"
  [ "$status" -eq 2 ]
}

@test "an identifier without a secret file is unknown (exit 4)" {
  run whck token "$(hex https://github.com/octocat/Other)" "$VECTOR_SECRET"
  [ "$status" -eq 4 ]
}

@test "secrets files other users can read or write are refused (exit 5), owner-only ones are not" {
  for mode in 640 620 604 602 644 666; do
    chmod "$mode" "$DIR/$ID"
    run whck token "$ID" "$VECTOR_SECRET"
    [ "$status" -eq 5 ]
    [[ "$output" == *"other users"* ]]
    [[ "$output" != *"$VECTOR_SECRET"* ]]
  done
  for mode in 600 400 700; do
    chmod "$mode" "$DIR/$ID"
    run whck token "$ID" "$VECTOR_SECRET"
    [ "$status" -eq 0 ]
  done
}

@test "an empty secrets file and a directory in its place are refused (exit 5)" {
  : > "$DIR/$ID"
  run whck token "$ID" ""
  [ "$status" -eq 5 ]
  rm "$DIR/$ID"
  mkdir -m 700 "$DIR/$ID"
  run whck token "$ID" "$VECTOR_SECRET"
  [ "$status" -eq 5 ]
}

@test "discovery 1: WHCK_DIR comes before XDG_CONFIG_HOME and HOME" {
  secret "$BATS_TEST_TMPDIR/xdg/whck" "$ID" "xdg secret"
  secret "$BATS_TEST_TMPDIR/user/.config/whck" "$ID" "home secret"
  export XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/xdg" HOME="$BATS_TEST_TMPDIR/user"
  run whck token "$ID" "$VECTOR_SECRET"
  [ "$status" -eq 0 ]
}

@test "discovery 1: a WHCK_DIR that does not exist fails to start (exit 3), without falling back" {
  secret "$BATS_TEST_TMPDIR/user/.config/whck" "$ID" "$VECTOR_SECRET"
  export HOME="$BATS_TEST_TMPDIR/user" WHCK_DIR="$BATS_TEST_TMPDIR/nowhere"
  run whck token "$ID" "$VECTOR_SECRET"
  [ "$status" -eq 3 ]
  [[ "$output" == *WHCK_DIR* ]]
}

@test "discovery 2: XDG_CONFIG_HOME/whck comes before HOME/.config/whck" {
  unset WHCK_DIR
  secret "$BATS_TEST_TMPDIR/xdg/whck" "$ID" "xdg secret"
  secret "$BATS_TEST_TMPDIR/user/.config/whck" "$ID" "home secret"
  export XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/xdg" HOME="$BATS_TEST_TMPDIR/user"
  run whck token "$ID" "xdg secret"
  [ "$status" -eq 0 ]
  run whck token "$ID" "home secret"
  [ "$status" -eq 1 ]
}

@test "discovery 3: HOME/.config/whck, also when XDG_CONFIG_HOME has no whck folder" {
  unset WHCK_DIR
  secret "$BATS_TEST_TMPDIR/user/.config/whck" "$ID" "home secret"
  export HOME="$BATS_TEST_TMPDIR/user"
  run whck token "$ID" "home secret"
  [ "$status" -eq 0 ]
  mkdir -p "$BATS_TEST_TMPDIR/xdg"
  export XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/xdg"
  run whck token "$ID" "home secret"
  [ "$status" -eq 0 ]
}

@test "discovery 4: the executable's own path under /home/<user>/ gives /home/<user>/.config/whck" {
  if ! owner=$(mktemp -d /home/whck-bats.XXXXXX 2> /dev/null); then
    skip "/home is not writable here"
  fi
  mkdir -p "$owner/bin"
  ln -s "$WHCK_UNDER_TEST" "$owner/bin/whck"
  secret "$owner/.config/whck" "$ID" "owner secret"
  # As a web server running as a system account would call it: its own HOME, no XDG_CONFIG_HOME.
  mkdir -p "$BATS_TEST_TMPDIR/www"
  status_symlink=0
  env -u WHCK_DIR -u XDG_CONFIG_HOME HOME="$BATS_TEST_TMPDIR/www" "$owner/bin/whck" token "$ID" "owner secret" \
    < /dev/null || status_symlink=$?
  status_nohome=0
  env -u WHCK_DIR -u XDG_CONFIG_HOME -u HOME "$owner/bin/whck" token "$ID" "owner secret" \
    < /dev/null || status_nohome=$?
  rm -rf "$owner"
  [ "$status_symlink" -eq 0 ]
  [ "$status_nohome" -eq 0 ]
}

@test "discovery 5: when no rule finds a directory, whck fails to start (exit 3)" {
  run env -u WHCK_DIR -u XDG_CONFIG_HOME HOME="$BATS_TEST_TMPDIR/nohome" "$WHCK_UNDER_TEST" token "$ID" x
  [ "$status" -eq 3 ]
  [[ "$output" == *"no secrets directory"* ]]
  run env -u WHCK_DIR -u XDG_CONFIG_HOME -u HOME "$WHCK_UNDER_TEST" token "$ID" x
  [ "$status" -eq 3 ]
}

@test "a launcher whose build is missing says so (exit 6)" {
  mkdir -p "$BATS_TEST_TMPDIR/copy/bin"
  cp "$WHCK_UNDER_TEST" "$BATS_TEST_TMPDIR/copy/bin/"
  run "$BATS_TEST_TMPDIR/copy/bin/$(basename "$WHCK_UNDER_TEST")" token "$ID" x
  [ "$status" -eq 6 ]
  [[ "$output" == *"bin/cli"* ]]
}
