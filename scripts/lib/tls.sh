# shellcheck shell=bash
# TLS material of a local cluster, under $PRESENCE_HOME/tls (or PRESENCE_TLS_DIR): a CA of its own and
# one key pair per process that presents a certificate, signed by that CA. Made with openssl, which the
# scripts already need; every file is 0600 in a 0700 directory. Source after common.sh.
#
# Operators who bring their own material point PRESENCE_API_TLS_CERT_FILE and PRESENCE_API_TLS_KEY_FILE
# at the API's certificate chain and key (PEM), and PRESENCE_TLS_CA_FILE at the CA that signed it, so
# that the scripts' own calls to the API can check it.

TLS_DIR=${PRESENCE_TLS_DIR:-$PRESENCE_HOME/tls}

# True when PRESENCE_API_TLS asks for HTTPS and WSS on the API's port.
api_tls_on() {
  [[ ${PRESENCE_API_TLS:-false} =~ ^(1|true|yes|on)$ ]]
}

# The URL of API node $1: https when cluster.sh started it with TLS (it notes the scheme in the run
# directory), so later commands find it whatever their own environment says.
api_base_url() {
  local scheme=http
  if [[ -s $PRESENCE_RUN/api-$1.scheme ]]; then
    scheme=$(<"$PRESENCE_RUN/api-$1.scheme")
  elif api_tls_on; then
    scheme=https
  fi
  echo "$scheme://127.0.0.1:$((API_PORT_BASE + $1))"
}

# curl, trusting the local CA (or PRESENCE_TLS_CA_FILE) when an argument is an https URL: for the API
# and for Ignite REST.
tls_curl() {
  local arg
  for arg in "$@"; do
    if [[ $arg == https://* ]]; then
      curl --cacert "${PRESENCE_TLS_CA_FILE:-$TLS_DIR/ca.crt}" "$@"
      return
    fi
  done
  curl "$@"
}

# Creates the local CA unless it exists: a P-256 key and a self-signed certificate valid ten years.
ensure_local_ca() {
  [[ -s $TLS_DIR/ca.crt && -s $TLS_DIR/ca.key ]] && return 0
  mkdir -p "$TLS_DIR"
  chmod 700 "$TLS_DIR"
  (
    umask 077
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
      -subj "/CN=presence-grid local CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -keyout "$TLS_DIR/ca.key" -out "$TLS_DIR/ca.crt" 2>/dev/null
  ) || die "openssl could not create the local CA in $TLS_DIR"
  log "created a local CA in ${TLS_DIR#"$PRESENCE_ROOT"/} (ca.crt: give it to clients that should trust this cluster)" >&2
}

# The subject alternative names a key pair made now gets: 127.0.0.1 and localhost, and the addresses
# this process binds or is reached at when they are others (PRESENCE_NODE_HOST,
# PRESENCE_NODE_ADVERTISED_HOST, PRESENCE_TOOLS_GRID_HOST), so that a client checking host names (curl on
# Ignite REST, a browser on the API) accepts a node on a host of its own.
subject_alt_names() {
  local names="IP:127.0.0.1,DNS:localhost" address
  for address in "${PRESENCE_NODE_HOST:-}" "${PRESENCE_NODE_ADVERTISED_HOST:-}" "$GRID_HOST"; do
    [[ -n $address && $address != 127.0.0.1 && $address != localhost && $address != 0.0.0.0 ]] || continue
    if [[ $address =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]]; then address="IP:$address"; else address="DNS:$address"; fi
    [[ ,$names, == *",$address,"* ]] || names+=",$address"
  done
  echo "$names"
}

# True when the certificate of $1 names every address subject_alt_names gives now.
covers_addresses() {
  local present entry
  present=$(openssl x509 -in "$TLS_DIR/$1.crt" -noout -ext subjectAltName 2>/dev/null | tail -n +2 |
    sed -e 's/IP Address:/IP:/g' -e 's/ //g')
  for entry in $(subject_alt_names | tr ',' ' '); do
    [[ ,$present, == *",$entry,"* ]] || return 1
  done
}

# Creates $TLS_DIR/$1.key and $1.crt unless they exist: a P-256 key pair for the process named $1, for
# the addresses of subject_alt_names, as server and as client (mutual TLS between nodes uses the same
# pair), valid 825 days, signed by the local CA; $1.crt holds the chain (its certificate, then the
# CA's). A pair made by the local CA for fewer addresses (the node now binds another) is made again.
ensure_key_pair() {
  local name=$1
  if [[ -s $TLS_DIR/$name.crt && -s $TLS_DIR/$name.key ]]; then
    covers_addresses "$name" && return 0
    if [[ -s $TLS_DIR/ca.key ]]; then
      log "the key pair of $name does not name $(subject_alt_names): making it again" >&2
      rm -f "$TLS_DIR/$name.crt" "$TLS_DIR/$name.key" "$TLS_DIR/$name.p12"
    else
      warn "the certificate of $name does not name every address in $(subject_alt_names); clients that check host names will refuse it"
      return 0
    fi
  fi
  ensure_local_ca
  (
    umask 077
    local extensions="$TLS_DIR/$name.ext"
    printf '%s\n' "subjectAltName=$(subject_alt_names)" "extendedKeyUsage=serverAuth,clientAuth" \
      "keyUsage=critical,digitalSignature" >"$extensions"
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -subj "/CN=$name" \
      -keyout "$TLS_DIR/$name.key" -out "$TLS_DIR/$name.csr" 2>/dev/null &&
      openssl x509 -req -sha256 -days 825 -in "$TLS_DIR/$name.csr" -CA "$TLS_DIR/ca.crt" -CAkey "$TLS_DIR/ca.key" \
        -CAcreateserial -extfile "$extensions" -out "$TLS_DIR/$name.leaf" 2>/dev/null &&
      cat "$TLS_DIR/$name.leaf" "$TLS_DIR/ca.crt" >"$TLS_DIR/$name.crt"
    local made=$?
    rm -f "$extensions" "$TLS_DIR/$name.csr" "$TLS_DIR/$name.leaf"
    exit $made
  ) || die "openssl could not create the key pair of $name in $TLS_DIR"
}

# Exports what the API needs to serve TLS for API node $1: the operator's files when given, else a key
# pair from the local CA, made on first use.
ensure_api_tls() {
  local n=$1
  if [[ -z ${PRESENCE_API_TLS_CERT_FILE:-} ]]; then
    ensure_key_pair "api-$n"
    PRESENCE_API_TLS_CERT_FILE="$TLS_DIR/api-$n.crt"
    PRESENCE_API_TLS_KEY_FILE="$TLS_DIR/api-$n.key"
  fi
  [[ -r $PRESENCE_API_TLS_CERT_FILE && -r ${PRESENCE_API_TLS_KEY_FILE:-} ]] ||
    die "PRESENCE_API_TLS_CERT_FILE and PRESENCE_API_TLS_KEY_FILE must name readable PEM files"
  export PRESENCE_API_TLS=true PRESENCE_API_TLS_CERT_FILE PRESENCE_API_TLS_KEY_FILE
}

# --- the grid's TLS ------------------------------------------------------------------------------
# Grid nodes, API nodes and the bench's client node talk mutual TLS to each other; the thin-client/JDBC
# ports and Ignite REST speak TLS too. Each process gets a PKCS12 key store from its key pair
# ($TLS_DIR/NAME.p12), all share a trust store with the CA ($TLS_DIR/grid-trust.p12), and one random
# password protects them ($PRESENCE_HOME/secrets/grid-tls-store-password). Operators who bring their
# own put NAME.p12 and grid-trust.p12 in PRESENCE_TLS_DIR and name the password with
# PRESENCE_GRID_TLS_STORE_PASSWORD_FILE; only what is missing gets created.

# True unless PRESENCE_GRID_TLS=off: the grid's ports speak TLS.
grid_tls_on() {
  [[ ! ${PRESENCE_GRID_TLS:-on} =~ ^(off|false|0|no)$ ]]
}

# openssl's way of reading the store password: from its variable, or from its file.
openssl_store_password() {
  if [[ -n ${PRESENCE_GRID_TLS_STORE_PASSWORD:-} ]]; then
    echo "env:PRESENCE_GRID_TLS_STORE_PASSWORD"
  else
    echo "file:$PRESENCE_GRID_TLS_STORE_PASSWORD_FILE"
  fi
}

# Exports PRESENCE_GRID_TLS* for process $1 (node-0, api-1, bench), or for a tool that only connects
# when $1 is empty: the trust store, the password file and, for a process that joins, its key store.
# With PRESENCE_GRID_TLS=off it exports that and nothing else.
ensure_grid_tls() {
  local name=${1:-}
  if ! grid_tls_on; then
    export PRESENCE_GRID_TLS=off
    return 0
  fi
  if [[ -z ${PRESENCE_GRID_TLS_STORE_PASSWORD:-} ]]; then
    unset PRESENCE_GRID_TLS_STORE_PASSWORD
    PRESENCE_GRID_TLS_STORE_PASSWORD_FILE=${PRESENCE_GRID_TLS_STORE_PASSWORD_FILE:-$PRESENCE_HOME/secrets/grid-tls-store-password}
    [[ -e $PRESENCE_GRID_TLS_STORE_PASSWORD_FILE ]] || write_random_secret "$PRESENCE_GRID_TLS_STORE_PASSWORD_FILE"
    export PRESENCE_GRID_TLS_STORE_PASSWORD_FILE
  fi
  PRESENCE_GRID_TLS_TRUST_STORE=${PRESENCE_GRID_TLS_TRUST_STORE:-$TLS_DIR/grid-trust.p12}
  [[ -s $PRESENCE_GRID_TLS_TRUST_STORE ]] || make_trust_store "$PRESENCE_GRID_TLS_TRUST_STORE"
  export PRESENCE_GRID_TLS=on PRESENCE_GRID_TLS_TRUST_STORE
  if [[ -n $name ]]; then
    PRESENCE_GRID_TLS_KEY_STORE="$TLS_DIR/$name.p12"
    # A key store of our own making whose pair no longer covers this node's addresses is made again.
    if [[ -s $TLS_DIR/$name.crt ]] && ! covers_addresses "$name"; then ensure_key_pair "$name"; fi
    [[ -s $PRESENCE_GRID_TLS_KEY_STORE ]] || make_key_store "$name"
    export PRESENCE_GRID_TLS_KEY_STORE
  else
    unset PRESENCE_GRID_TLS_KEY_STORE
  fi
}

# The trust store $1 with the local CA's certificate (made by keytool: Java reads only the trusted
# entries keytool writes).
make_trust_store() {
  local password=(-storepass:file "${PRESENCE_GRID_TLS_STORE_PASSWORD_FILE:-}")
  [[ -z ${PRESENCE_GRID_TLS_STORE_PASSWORD:-} ]] || password=(-storepass:env PRESENCE_GRID_TLS_STORE_PASSWORD)
  ensure_local_ca
  (
    umask 077
    keytool -importcert -noprompt -alias presence-grid-ca -file "$TLS_DIR/ca.crt" -storetype PKCS12 \
      -keystore "$1.$$" "${password[@]}" >/dev/null 2>&1 && mv "$1.$$" "$1"
  ) || die "keytool could not create the trust store $1"
}

# $TLS_DIR/$1.p12: the key pair of process $1 from the local CA, with its certificate chain.
make_key_store() {
  local name=$1
  ensure_key_pair "$name"
  (
    umask 077
    openssl pkcs12 -export -name "$name" -in "$TLS_DIR/$name.crt" -inkey "$TLS_DIR/$name.key" \
      -passout "$(openssl_store_password)" -out "$TLS_DIR/$name.p12.$$" 2>/dev/null &&
      mv "$TLS_DIR/$name.p12.$$" "$TLS_DIR/$name.p12"
  ) || die "openssl could not create the key store of $name in $TLS_DIR"
}

# Calls Ignite REST of grid node $1 with the command and parameters $2 (cmd=version, ...) and curl
# options after that, as the operator: over HTTPS with the operator's certificate of the local CA (REST
# asks for one), logged in with the operator's account. The password goes in the POST body, read from
# its file by curl, so that it is in no URL, log or process list.
grid_rest() {
  local node=$1 query=$2 credentials=()
  shift 2
  if grid_tls_on; then
    ensure_key_pair operator
    credentials=(--cert "$TLS_DIR/operator.crt" --key "$TLS_DIR/operator.key")
  fi
  if grid_auth_on; then
    credentials+=(--data-urlencode "ignite.login=operator" --data-urlencode "ignite.password@$(grid_password_file operator)")
  fi
  tls_curl -s "$@" --data "$query" "${credentials[@]}" "$(grid_rest_url "$node")/ignite"
}

# The URL of grid node $1's Ignite REST: https when the grid's TLS is on (call it with tls_curl).
grid_rest_url() {
  local scheme=http
  if grid_tls_on; then scheme=https; fi
  echo "$scheme://$GRID_HOST:$((REST_PORT_BASE + $1))"
}
