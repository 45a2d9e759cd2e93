-- A database as schema version 8 left it: one of everything, an automatic burn in progress whose edge had a tunnel, and edges.auto_replace on.
INSERT INTO zones (id, name, provider, provider_settings, secret_ref) VALUES (1, 'example.com', 'cloudflare', '{"api_base":"https://api.cloudflare.com/client/v4"}', 'zone-example.com');
INSERT INTO origins (id, name, ssh_user, ssh_host, ssh_port, tunnel_address, wg_public_key, state, ssh_host_key) VALUES (1, 'home', 'root', '192.168.1.10', 22, '10.100.0.1', '', 'new', 'SHA256:40kXppsr4pv+iOLN2bSqDumLDVvQarZGsBjbzv5TNzg');
INSERT INTO edges (id, name, ssh_user, ssh_host, ssh_port, public_ipv4, public_ipv6, provider, provider_id, tunnel_address, wg_public_key, state, profile) VALUES (1, 'tokyo-1', 'root', '8.8.4.4', 22, '8.8.4.4', '', '', '', '10.100.0.2', '', 'new', 'normal');
INSERT INTO routes (id, hostname, zone_id, origin_id, port, websocket, max_body_bytes, timeout_s, health_path, tls) VALUES (1, 'www.example.com', 1, 1, 8080, 0, 10485760, 60, '/', 'http-01');
INSERT INTO tunnel_addresses (address, owner_kind, owner_name) VALUES ('10.100.0.1', 'origin', 'home');
INSERT INTO tunnel_addresses (address, owner_kind, owner_name) VALUES ('10.100.0.2', 'edge', 'tokyo-1');
INSERT INTO events (at_ms, category, subject, action) VALUES (1700000000000, 'config', 'zone example.com', 'add');
INSERT INTO leases (name, holder, expires_at_ms) VALUES ('dns', 'watchdog:4242:00000000', 1700000006000);
INSERT INTO heartbeats (component, holder, pid, at_ms, detail) VALUES ('watchdog', 'watchdog:4242:00000000', 4242, 1700000000000, 'acting');
INSERT INTO health (key, state, since_ms, detail, updated_ms) VALUES ('edge:tokyo-1', 'up', 1700000000000, 'serving: TCP connect', 1700000000000);
INSERT INTO certificates (name, names, issuer, profile, not_before_ms, not_after_ms, serial, ari_id, directory_url, chain_pem, key_secret, updated_ms) VALUES ('www.example.com', 'www.example.com', 'Pebble Intermediate', '', 1700000000000, 1707776000000, '0a1b2c', '', 'https://127.0.0.1:14000/dir', '-----BEGIN CERTIFICATE-----', 'cert-www.example.com-0a1b2c', 1700000000000);
INSERT INTO certificate_holders (name, edge, serial, at_ms) VALUES ('www.example.com', 'tokyo-1', '0a1b2c', 1700000000000);
INSERT INTO acme_account (id, directory_url, ca_bundle, email, account_url, key_secret, updated_ms) VALUES (1, 'https://127.0.0.1:14000/dir', '', 'admin@example.com', 'https://127.0.0.1:14000/my-account/1', 'acme-account-0123456789abcdef', 1700000000000);
INSERT INTO providers (name, kind, settings, secret_ref, created_ms) VALUES ('hz', 'hetzner', '{"location":"fsn1","server_type":"cx22","image":"debian-12"}', 'provider-hz', 1700000000000);
INSERT INTO servers (provider, name, server_id, edge, ipv4, ipv6, host_key, pending_host_key, state, created_ms, updated_ms) VALUES ('hz', 'kokoa-tokyo-1-0a1b2c', '4711', 'tokyo-1', '203.0.113.7', '', 'SHA256:given', '', 'created', 1700000000000, 1700000000000);
INSERT INTO burns (edge, replacement, provider, old_provider, old_server, ssh_target, replace, last_edge, done_steps, started_ms, updated_ms, automatic, had_tunnel) VALUES ('osaka-1', 'osaka-1', 'hz', 'hz', 'kokoa-osaka-1-3c4d5e', 'root@203.0.113.8:22', 1, 0, 'leave-dns destroy', 1700000000000, 1700000000000, 1, 1);
INSERT INTO settings (key, value) VALUES ('edges.auto_replace', 'true');
