#!/bin/bash
# Bring up WhitePhone's stack on one Debian machine: Kamailio (registrar, auth_ephemeral, TLS on
# 5061 and 443), coturn (use-auth-secret, TLS), the hub behind nginx (TLS) — all sharing one
# secret for the hub's ephemeral SIP/TURN credentials.
#
#   up.sh --test --dir DIR [--ip 127.0.0.1]   everything in the foreground's background, high
#                                             ports, under DIR, no systemd, no root needed
#                                             (ports from the environment: SIP_PORT TLS_PORT
#                                             TLS_PORT_443 TURN_PORT TURNS_PORT HUB_PORT
#                                             HTTPS_PORT RELAY_MIN RELAY_MAX)
#   up.sh --down --dir DIR                    stop what --test started
#   up.sh --domain sip.example.com --ip PUBLIC_IP [--cert F --key F] [--websocket]
#                                             a real small deployment: apt packages, configs in
#                                             /etc/whitephone-stack, systemd units (root)
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
MODE=deploy DIR="" IP="" DOMAIN="" CERT="" KEY="" WEBSOCKET=""
while [ $# -gt 0 ]; do
    case "$1" in
        --test) MODE=test ;;
        --down) MODE=down ;;
        --dir) DIR=$2; shift ;;
        --ip) IP=$2; shift ;;
        --domain) DOMAIN=$2; shift ;;
        --cert) CERT=$2; shift ;;
        --key) KEY=$2; shift ;;
        --websocket) WEBSOCKET=1 ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "up.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

stop_all() {
    for pidfile in "$DIR"/run/*.pid; do
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile" 2>/dev/null || true)
        [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
        rm -f "$pidfile"
    done
}

if [ "$MODE" = down ]; then
    [ -n "$DIR" ] || { echo "up.sh --down needs --dir DIR" >&2; exit 2; }
    stop_all
    echo "stopped"
    exit 0
fi

if [ "$MODE" = test ]; then
    [ -n "$DIR" ] || { echo "up.sh --test needs --dir DIR" >&2; exit 2; }
    IP=${IP:-127.0.0.1}
    DOMAIN=${DOMAIN:-$IP}
    SIP_PORT=${SIP_PORT:-15060} TLS_PORT=${TLS_PORT:-15061} TLS_PORT_443=${TLS_PORT_443:-15443}
    TURN_PORT=${TURN_PORT:-13478} TURNS_PORT=${TURNS_PORT:-15349} HUB_PORT=${HUB_PORT:-18765}
    HTTPS_PORT=${HTTPS_PORT:-18443} RELAY_MIN=${RELAY_MIN:-49160} RELAY_MAX=${RELAY_MAX:-49260}
    WS_PORT=${WS_PORT:-18080}
    ETC=$DIR/etc RUN=$DIR/run LOGS=$DIR/log DATA=$DIR/hub
else
    [ "$(id -u)" = 0 ] || { echo "up.sh: a deployment needs root (or use --test)" >&2; exit 2; }
    [ -n "$DOMAIN" ] && [ -n "$IP" ] || { echo "up.sh: give --domain NAME --ip PUBLIC_IP" >&2; exit 2; }
    SIP_PORT=5060 TLS_PORT=5061 TLS_PORT_443=443 TURN_PORT=3478 TURNS_PORT=5349 HUB_PORT=8765
    HTTPS_PORT=8443 RELAY_MIN=49160 RELAY_MAX=59999 WS_PORT=8080
    ETC=/etc/whitephone-stack RUN=/run/whitephone-stack LOGS=/var/log/whitephone-stack DATA=/var/lib/whitephone-hub
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y kamailio kamailio-autheph-modules kamailio-tls-modules kamailio-websocket-modules \
        coturn nginx openssl
fi
mkdir -p "$ETC" "$RUN" "$LOGS" "$DATA"
# SIP on 443 and HTTPS on 443 cannot share one address: the hub's HTTPS moves to HTTPS_PORT (8443)
# unless a second address is given to nginx by hand.

# -- the shared secret and the certificate ----------------------------------------------------
if [ ! -s "$ETC/secret" ]; then
    (umask 077; openssl rand -hex 24 > "$ETC/secret")
fi
SECRET=$(cat "$ETC/secret")
if [ -z "$CERT" ]; then
    CERT=$ETC/cert.pem KEY=$ETC/key.pem
    if [ ! -s "$CERT" ]; then
        case "$DOMAIN" in *[!0-9.]*) SAN="DNS:$DOMAIN,IP:$IP" ;; *) SAN="IP:$DOMAIN" ;; esac
        (umask 077; openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=$DOMAIN" \
            -addext "subjectAltName=$SAN" -keyout "$KEY" -out "$CERT" 2>/dev/null)
        echo "made a self-signed certificate for $DOMAIN in $CERT (clients must trust it)"
    fi
fi

SIP_DOMAIN=$DOMAIN
[ "$SIP_PORT" = 5060 ] || SIP_DOMAIN="$DOMAIN:$SIP_PORT"
case "$DOMAIN" in *[!0-9.]*) ALIAS="alias=\"$DOMAIN\"" ;; *) ALIAS="" ;; esac  # an IP alias would match every port

fill() {  # fill TEMPLATE > OUT with this script's values
    sed -e "s|@LISTEN_IP@|$IP|g" -e "s|@DOMAIN@|$DOMAIN|g" -e "s|@SIP_DOMAIN@|$SIP_DOMAIN|g" \
        -e "s|@SECRET@|$SECRET|g" -e "s|@SIP_PORT@|$SIP_PORT|g" -e "s|@TLS_PORT@|$TLS_PORT|g" \
        -e "s|@TLS_PORT_443@|$TLS_PORT_443|g" -e "s|@WS_PORT@|$WS_PORT|g" -e "s|@TURN_PORT@|$TURN_PORT|g" \
        -e "s|@TURNS_PORT@|$TURNS_PORT|g" -e "s|@RELAY_MIN@|$RELAY_MIN|g" -e "s|@RELAY_MAX@|$RELAY_MAX|g" \
        -e "s|@HUB_PORT@|$HUB_PORT|g" -e "s|@HTTPS_PORT@|$HTTPS_PORT|g" -e "s|@CERT@|$CERT|g" \
        -e "s|@KEY@|$KEY|g" -e "s|@RUN@|$RUN|g" -e "s|@LOG_DIR@|$LOGS|g" -e "s|@ALIAS@|$ALIAS|g" \
        -e "s|@TLS_CFG@|$ETC/tls.cfg|g" "$1" > "$2"
}

fill "$HERE/tls.cfg.in" "$ETC/tls.cfg"
fill "$HERE/kamailio.cfg" "$ETC/kamailio.cfg.tmp"
if [ -n "$WEBSOCKET" ]; then WSDEF="#!define WITH_WEBSOCKET"; else WSDEF=""; fi
sed -e "s|@WEBSOCKET_DEFINE@|$WSDEF|" -e "s|@LOG_STDERR@|$([ "$MODE" = test ] && echo yes || echo no)|" \
    "$ETC/kamailio.cfg.tmp" > "$ETC/kamailio.cfg" && rm "$ETC/kamailio.cfg.tmp"
fill "$HERE/turnserver.conf.in" "$ETC/turnserver.conf.tmp"
if [ "$MODE" = test ]; then
    # on one machine the peers are on loopback: coturn refuses those unless told
    sed -e "s|@RELAY_IP@|$IP|" -e "s|@EXTERNAL_IP@||" -e "s|@LOG@|$LOGS/turn.log|" \
        -e "s|@TEST_OPTIONS@|allow-loopback-peers\ncli-port=0\nverbose|" "$ETC/turnserver.conf.tmp" > "$ETC/turnserver.conf"
else
    sed -e "s|@RELAY_IP@|$IP|" -e "s|@EXTERNAL_IP@|external-ip=$IP|" -e "s|@LOG@|$LOGS/turn.log|" \
        -e "s|@TEST_OPTIONS@|no-loopback-peers|" "$ETC/turnserver.conf.tmp" > "$ETC/turnserver.conf"
fi
rm -f "$ETC/turnserver.conf.tmp"
fill "$HERE/nginx.conf.in" "$ETC/nginx.conf.tmp"
if [ "$MODE" = test ]; then
    sed -e "s|@NGINX_MAIN@|daemon off; pid $RUN/nginx.pid; error_log $LOGS/nginx-error.log;|" \
        "$ETC/nginx.conf.tmp" > "$ETC/nginx.conf"
else
    sed -e "s|@NGINX_MAIN@|user www-data; pid /run/whitephone-nginx.pid; error_log $LOGS/nginx-error.log;|" \
        "$ETC/nginx.conf.tmp" > "$ETC/nginx.conf"
fi
rm -f "$ETC/nginx.conf.tmp"

HUB_ARGS="--host 127.0.0.1 --port $HUB_PORT --data $DATA --sip-secret $SECRET --sip-domain $SIP_DOMAIN \
--turn-server turn:$IP:$TURN_PORT --stun-server $IP:$TURN_PORT --public-url https://$DOMAIN:$HTTPS_PORT \
--forwarded-allow-ips 127.0.0.1"
cat > "$ETC/stack.env" <<ENV
HUB_URL=https://$DOMAIN:$HTTPS_PORT
SIP_DOMAIN=$SIP_DOMAIN
REGISTRAR=sip:$SIP_DOMAIN
TURN=turn:$IP:$TURN_PORT
CA_FILE=$CERT
ENV

if [ "$MODE" = test ]; then
    PYTHON=${PYTHON:-python3}
    start() {  # start NAME LOG CMD...: in the background, its pid in RUN/NAME.pid
        name=$1 log=$2; shift 2
        "$@" > "$log" 2>&1 &
        echo $! > "$RUN/$name.pid"
    }
    stop_all
    start kamailio "$LOGS/kamailio.log" kamailio -f "$ETC/kamailio.cfg" -DD -E -Y "$RUN" -w "$RUN" -m 64 -M 8
    start turnserver "$LOGS/turnserver.out" turnserver -c "$ETC/turnserver.conf" --no-stdout-log
    # shellcheck disable=SC2086
    start hub "$LOGS/hub.log" $PYTHON -m whitephone server $HUB_ARGS
    start nginx "$LOGS/nginx.out" nginx -c "$ETC/nginx.conf" -p "$RUN"
    wait_tcp() {  # host port seconds
        n=0
        while ! (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; do
            n=$((n + 1)); [ $n -lt $(($3 * 10)) ] || { echo "up.sh: nothing listens on $1:$2" >&2; return 1; }
            sleep 0.1
        done
    }
    ok=0
    for p in "$SIP_PORT" "$TLS_PORT" "$TURN_PORT" "$HUB_PORT" "$HTTPS_PORT"; do
        wait_tcp "$IP" "$p" 60 || ok=1
    done
    if [ $ok != 0 ]; then
        tail -n 20 "$LOGS"/*.log >&2 || true
        stop_all
        exit 1
    fi
    cat "$ETC/stack.env"
    exit 0
fi

# -- a real deployment: systemd units --------------------------------------------------------
id whitephone >/dev/null 2>&1 || useradd --system --home /var/lib/whitephone-hub --shell /usr/sbin/nologin whitephone
chown -R whitephone: "$DATA"
chgrp turnserver "$ETC/turnserver.conf" "$KEY" 2>/dev/null || true
chmod 640 "$ETC/turnserver.conf" "$KEY"
echo "$HUB_ARGS" | sed 's/^/HUB_ARGS=/' > "$ETC/hub.env"
for unit in "$HERE"/systemd/*.service; do
    sed -e "s|@ETC@|$ETC|g" -e "s|@RUN@|$RUN|g" "$unit" > "/etc/systemd/system/$(basename "$unit")"
done
systemctl daemon-reload
systemctl disable --now kamailio coturn nginx 2>/dev/null || true  # Debian's own instances
systemctl enable --now whitephone-kamailio whitephone-turn whitephone-hub whitephone-nginx
cat "$ETC/stack.env"
echo "Open: UDP+TCP $SIP_PORT, TCP $TLS_PORT and $TLS_PORT_443 (SIP), UDP+TCP $TURN_PORT and TCP $TURNS_PORT (TURN),"
echo "UDP $RELAY_MIN-$RELAY_MAX (relayed media), TCP $HTTPS_PORT (hub)."
