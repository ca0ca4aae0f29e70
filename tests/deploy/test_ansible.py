"""deploy/ansible: syntax, lint (production profile), and the edge_hub role converged for real.

The molecule scenario (deploy/ansible/molecule/default) converges the role on this machine
(default driver, no Docker, local connection) into a throwaway prefix, converges it again to
prove nothing changes, and verifies the installed unit with `systemd-analyze verify`. Users,
Debian packages and systemctl are left alone (the role's `edge_hub_manage_*` switches), and the
release's venv is the venv these tests run in (`edge_hub_venv_reuse`): a pip install of the
`edge` extra would add minutes and half a gigabyte per run, and install the very same packages.
The model bundle is copied and checksum-verified by the role as on a hub.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cloud.push import keys
from tools.render_units import UNITS, render

ANSIBLE = Path(__file__).resolve().parents[2] / "deploy" / "ansible"
BIN = Path(sys.executable).parent
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _run(
    command: list[str], *, timeout: float, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = os.environ | {"PATH": f"{BIN}:{os.environ['PATH']}", "NO_COLOR": "1"}
    return subprocess.run(
        command,
        cwd=ANSIBLE,
        env=environment | (env or {}),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_site_playbook_passes_syntax_check_without_warnings() -> None:
    done = _run([str(BIN / "ansible-playbook"), "--syntax-check", "site.yml"], timeout=60)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stdout + done.stderr


def test_ansible_lint_production_profile_is_clean() -> None:
    done = _run([str(BIN / "ansible-lint"), "--profile", "production", "--nocolor"], timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "Profile 'production' was required, and it passed" in done.stderr + done.stdout


def test_role_refuses_missing_credentials_naming_the_variable(tmp_path: Path) -> None:
    """A hub without its site key is not installed: the run stops before changing anything."""
    done = _run(
        [
            str(BIN / "ansible-playbook"),
            "-i",
            "localhost,",
            "-e",
            f"ansible_connection=local ansible_python_interpreter={sys.executable}",
            "-e",
            '{"edge_hub_credentials": {"mqtt_password": "x"}}',
            "molecule/default/converge.yml",
        ],
        timeout=120,
        env={
            "ANSIBLE_ROLES_PATH": str(ANSIBLE / "roles"),
            "DEPLOY_TEST_PREFIX": str(tmp_path),
            "DEPLOY_TEST_VENV": sys.prefix,
            "SHOWFLOOR_TEST_BUNDLE": str(tmp_path / "no-bundle"),
        },
    )
    assert done.returncode != 0
    assert "set edge_hub_credentials.site_key" in done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_molecule_converges_edge_hub_idempotently_into_a_prefix(
    tmp_path: Path, showfloor_bundle_dir: Path
) -> None:
    prefix = tmp_path / "root"
    (prefix / "enrolled-src").mkdir(parents=True)
    voiceprint = '{"name": "Dana Reyes"}\n'
    (prefix / "enrolled-src" / "dana-reyes.json").write_text(voiceprint)
    done = _run(
        [str(BIN / "molecule"), "test"],
        timeout=240,
        env={
            "DEPLOY_TEST_PREFIX": str(prefix),
            "DEPLOY_TEST_VENV": sys.prefix,
            "SHOWFLOOR_TEST_BUNDLE": str(showfloor_bundle_dir),
        },
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    summary = _ANSI.sub("", done.stdout + done.stderr)
    for step in ("converge", "idempotence", "verify"):
        assert f"{step}: Executed: Successful" in summary

    install = prefix / "opt" / "showfloor" / "edge"
    assert (install / "current").readlink() == install / "releases" / "0.1.0"
    assert (install / "current" / "models" / "manifest.json").is_file()
    credential = prefix / "etc" / "showfloor" / "credentials" / "site_key"
    assert credential.read_text() == "test-site-key"
    assert stat.S_IMODE(credential.stat().st_mode) == 0o600
    enrolled = prefix / "var" / "lib" / "showfloor" / "enrolled" / "dana-reyes.json"
    assert enrolled.read_text() == voiceprint
    unit = (prefix / "etc" / "systemd" / "system" / "showfloor-edge.service").read_text()
    assert unit == render(
        UNITS[0],
        edge_hub_install_root=str(install),
        edge_hub_config_dir=str(prefix / "etc" / "showfloor"),
    )


def _site_on_example_inventory(*extra: str) -> subprocess.CompletedProcess[str]:
    local = (
        f"ansible_connection=local ansible_become=false ansible_python_interpreter={sys.executable}"
    )
    return _run(
        [str(BIN / "ansible-playbook"), "-i", "inventory/example/hosts.yml", "site.yml",
         "-e", local, *extra],
        timeout=180,
    )  # fmt: skip


def test_the_example_inventory_as_shipped_is_refused_for_its_missing_secrets() -> None:
    """It names Vault variables only: without a Vault the run stops at once, naming the secret."""
    done = _site_on_example_inventory()
    assert done.returncode != 0
    assert "secret cloud_session_secret is missing or a known example value" in done.stdout
    assert "changed=0" in done.stdout and "TASK [cloud :" not in done.stdout


def test_a_known_example_value_is_refused_like_a_missing_one() -> None:
    vault = {
        "vault_cloud_session_secret": "a-real-looking-secret-0123456789",
        "vault_cloud_mqtt_password": "example-password-change-me",
    }
    done = _site_on_example_inventory("-e", json.dumps(vault))
    assert done.returncode != 0
    assert "secret cloud_mqtt_password is missing or a known example value" in done.stdout
    assert "secret cloud_session_secret" not in done.stdout


ROLE_PLAY = """\
- hosts: localhost
  gather_facts: false
  tasks:
    - ansible.builtin.include_role:
        name: "{{ showfloor_test_role }}"
        tasks_from: "{{ showfloor_test_tasks }}"
"""


def _role(
    tmp_path: Path, role: str, tasks: str, **variables: object
) -> subprocess.CompletedProcess[str]:
    """A role's task file (`tasks`, e.g. main.yml) run by ansible-playbook on this machine."""
    play = tmp_path / "role.yml"
    play.write_text(ROLE_PLAY, encoding="utf-8")
    local = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}
    test = {"showfloor_test_role": role, "showfloor_test_tasks": tasks}
    return _run(
        [str(BIN / "ansible-playbook"), "-i", "localhost,", str(play),
         "-e", json.dumps(local | test | variables)],
        timeout=180,
        env={"ANSIBLE_ROLES_PATH": str(ANSIBLE / "roles")},
    )  # fmt: skip


def _releases(root: Path, *versions: str) -> None:
    """Release directories, each older than the next (mtime a minute apart)."""
    for age, version in enumerate(reversed(versions)):
        path = root / "releases" / version
        (path / "venv").mkdir(parents=True)
        os.utime(path, (1_800_000_000 - 60 * age,) * 2)


def _left(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "releases").iterdir())


def test_a_redeploy_keeps_the_clouds_vapid_key(tmp_path: Path) -> None:
    """The key the first start made in the state directory outlives the role, run twice.

    No task writes, templates or removes it (`keys.key_file` makes it; a new one would make
    every browser's push subscription useless), and the role ships no key of its own.
    """
    state = tmp_path / "state"
    key = state / "vapid.pem"
    made = keys.key_file(key)  # as `showfloor-cloud migrate` does at install
    variables = {
        "cloud_config_dir": str(tmp_path / "etc"),
        "cloud_credentials_dir": str(tmp_path / "credentials"),
        "cloud_unit_dir": str(tmp_path / "units"),
        "cloud_nginx_snippet_dir": str(tmp_path / "nginx"),
        "cloud_state_dir": str(state),
        "cloud_manage_users": False,
        "cloud_manage_services": False,
        "cloud_session_secret": "s" * 40,
        "cloud_mqtt_password": "p" * 20,
    }
    for _ in range(2):  # the install's configuration, then a redeploy's
        done = _role(tmp_path, "cloud", "config.yml", **variables)
        assert done.returncode == 0, done.stdout[-3000:]
    assert key.read_bytes() == made
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert "changed=0" in done.stdout, done.stdout[-3000:]
    role = ANSIBLE / "roles" / "cloud"
    assert not [p for p in role.rglob("*") if "vapid" in p.name.lower()]
    assert not [p for p in role.rglob("*.yml") if "vapid.pem" in p.read_text(encoding="utf-8")]


def test_a_shared_vapid_key_is_a_credential_and_goes_when_the_inventory_drops_it(
    tmp_path: Path,
) -> None:
    """A shared Web Push key is a root-only credential file, removed when the inventory drops it.

    `cloud_push_vapid_key` (Vault) is written as push_vapid_key beside the others; a run without
    it removes the file, so the key is state_dir's again (the units load the credential only
    when the variable is set: tests/deploy/test_templates.py).
    """
    pem = keys.key_file(tmp_path / "shared.pem")  # as `showfloor-cloud push keys` makes it
    credentials = tmp_path / "credentials"
    variables: dict[str, object] = {
        "cloud_config_dir": str(tmp_path / "etc"),
        "cloud_credentials_dir": str(credentials),
        "cloud_unit_dir": str(tmp_path / "units"),
        "cloud_nginx_snippet_dir": str(tmp_path / "nginx"),
        "cloud_state_dir": str(tmp_path / "state"),
        "cloud_manage_users": False,
        "cloud_manage_services": False,
        "cloud_session_secret": "s" * 40,
        "cloud_mqtt_password": "p" * 20,
    }
    done = _role(tmp_path, "cloud", "config.yml", **variables, cloud_push_vapid_key=pem.decode())
    assert done.returncode == 0, done.stdout[-3000:]
    written = credentials / "push_vapid_key"
    assert written.read_bytes() == pem
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert pem.decode() not in done.stdout  # no_log
    done = _role(tmp_path, "cloud", "config.yml", **variables)
    assert done.returncode == 0, done.stdout[-3000:]
    assert not written.exists()
    assert sorted(p.name for p in credentials.iterdir()) == [
        "database_url",
        "mqtt.password",
        "session_secret",
    ]


def test_several_cloud_hosts_without_a_shared_vapid_key_are_refused(tmp_path: Path) -> None:
    """The cloud play stops before the role, in one line.

    Each host would make its own key, and a browser subscribed through one host would get no
    alert sent by the other.
    """
    inventory = yaml.safe_load((ANSIBLE / "inventory/example/hosts.yml").read_text())
    cloud = inventory["all"]["children"]["cloud"]["hosts"]
    cloud["cloud-2.example.com"] = dict(next(iter(cloud.values())) or {})
    hosts = tmp_path / "hosts.yml"
    hosts.write_text(yaml.safe_dump(inventory), encoding="utf-8")
    for group_vars in (ANSIBLE / "inventory/example/group_vars").iterdir():
        (tmp_path / "group_vars").mkdir(exist_ok=True)
        (tmp_path / "group_vars" / group_vars.name).write_bytes(group_vars.read_bytes())
    local = (
        f"ansible_connection=local ansible_become=false ansible_python_interpreter={sys.executable}"
    )
    vault = {
        "vault_cloud_session_secret": "a-real-looking-secret-0123456789",
        "vault_cloud_mqtt_password": "a-real-looking-password-0123",
    }
    done = _run(
        [str(BIN / "ansible-playbook"), "-i", str(hosts), "site.yml", "-e", local,
         "-e", json.dumps(vault)],
        timeout=180,
    )  # fmt: skip
    assert done.returncode != 0
    assert "several cloud hosts need one Web Push key: set cloud_push_vapid_key" in done.stdout
    assert "TASK [cloud :" not in done.stdout


@pytest.mark.parametrize("role", ["cloud", "edge_hub"])
def test_releases_are_pruned_but_never_the_current_or_the_roll_back_target(
    tmp_path: Path, role: str
) -> None:
    """Each role's prune tasks (the releases role's, shared), run on directories of this machine.

    An upgrade 0.2.0 -> 0.5.0 keeps the newest 3 and 0.2.0 (the roll-back target); a second run
    changes nothing; a roll-back 0.5.0 -> 0.4.0 keeping 1 keeps 0.4.0 (current) and 0.5.0;
    keeping 0 is refused before anything is removed.
    """
    root = tmp_path / "opt"
    _releases(root, "0.1.0", "0.2.0", "0.3.0", "0.4.0", "0.5.0")
    (root / "releases" / "notes.txt").write_text("not a release\n")

    def prune(
        version: str, rollback: str, keep: int | None = None
    ) -> subprocess.CompletedProcess[str]:
        variables = {
            f"{role}_install_root": str(root),
            f"{role}_version": version,
            f"{role}_rollback_release": str(root / "releases" / rollback),
        }
        if keep is not None:
            variables[f"{role}_keep_releases"] = str(keep)
        return _role(tmp_path, role, "prune.yml", **variables)

    done = prune("0.5.0", rollback="0.2.0")
    assert done.returncode == 0, done.stdout[-3000:]
    assert _left(root) == ["0.2.0", "0.3.0", "0.4.0", "0.5.0", "notes.txt"]
    again = prune("0.5.0", rollback="0.2.0")
    assert again.returncode == 0 and "changed=0" in again.stdout, again.stdout[-3000:]

    done = prune("0.4.0", rollback="0.5.0", keep=1)
    assert done.returncode == 0, done.stdout[-3000:]
    assert _left(root) == ["0.4.0", "0.5.0", "notes.txt"]

    refused = prune("0.4.0", rollback="0.5.0", keep=0)
    assert refused.returncode != 0
    assert f"{role}_keep_releases must be 1 or more" in refused.stdout
    assert _left(root) == ["0.4.0", "0.5.0", "notes.txt"]


def _default_root(prefix: Path, role: str) -> Path:
    """The role's default install root, inside `prefix`."""
    defaults = yaml.safe_load((ANSIBLE / "roles" / role / "defaults" / "main.yml").read_text())
    return prefix / str(defaults[f"{role}_install_root"]).lstrip("/")


def test_a_host_of_the_shared_layout_moves_to_a_root_per_role_keeping_both(
    tmp_path: Path, showfloor_bundle_dir: Path
) -> None:
    """One host runs the cloud and a hub, deployed when both roles shared releases/ and current.

    The cloud role then the hub role, each at its own version and keeping one release, converge
    into their default roots under a prefix: each role's current first takes over the running
    release (the hub's outbox is backed up before its switch, as for any other release), the
    shared current goes when the second role's unit no longer runs from it, the shared release
    stays (a roll-back target), and neither role's pruning removes the other's release.
    """
    prefix = tmp_path / "host"
    legacy = prefix / "opt" / "showfloor"
    cloud, hub = _default_root(prefix, "cloud"), _default_root(prefix, "edge_hub")
    assert cloud.parent == hub.parent == legacy and cloud != hub
    release = legacy / "releases" / "0.1.0"
    release.mkdir(parents=True)
    (release / "venv").symlink_to(sys.prefix)
    (release / "models").symlink_to(showfloor_bundle_dir)
    (legacy / "current").symlink_to(release)
    units = prefix / "etc" / "systemd" / "system"
    units.mkdir(parents=True)
    paths = {
        "cloud_config_dir": str(prefix / "etc" / "showfloor"),
        "edge_hub_config_dir": str(prefix / "etc" / "showfloor"),
    }
    for unit in UNITS:
        old = render(
            unit, cloud_install_root=str(legacy), edge_hub_install_root=str(legacy), **paths
        )
        assert f"{legacy}/current/venv/bin/" in old
        (units / unit.name).write_text(old)
    state = prefix / "var" / "lib" / "showfloor"
    state.mkdir(parents=True)
    subprocess.run(["sqlite3", str(state / "outbox.sqlite3"), "CREATE TABLE t (x)"], check=True)

    common = paths | {"cloud_unit_dir": str(units), "edge_hub_unit_dir": str(units)}
    done = _role(
        tmp_path, "cloud", "main.yml", **common,
        cloud_install_root=str(cloud), cloud_version="0.2.0", cloud_keep_releases=1,
        cloud_state_dir=str(prefix / "var" / "lib" / "showfloor-cloud"),
        cloud_nginx_snippet_dir=str(prefix / "etc" / "nginx" / "snippets"),
        cloud_manage_packages=False, cloud_manage_users=False, cloud_manage_database=False,
        cloud_manage_services=False, cloud_venv_reuse=sys.prefix,
        cloud_database_url="postgresql+psycopg://showfloor@/showfloor",
        cloud_session_secret="a-test-session-secret", cloud_mqtt_password="a-test-password",
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:]
    assert (cloud / "current").readlink() == cloud / "releases" / "0.2.0"
    assert (
        f"{cloud}/current/venv/bin/showfloor-cloud"
        in (units / "showfloor-cloud.service").read_text()
    )
    # the hub's unit still runs from the shared current: it stays, pointing where it did
    assert (legacy / "current").readlink() == release

    done = _role(
        tmp_path, "edge_hub", "main.yml", **common,
        edge_hub_install_root=str(hub), edge_hub_version="0.3.0", edge_hub_keep_releases=1,
        edge_hub_state_dir=str(state), edge_hub_udev_dir=str(prefix / "etc" / "udev"),
        edge_hub_manage_packages=False, edge_hub_manage_users=False,
        edge_hub_manage_services=False, edge_hub_venv_reuse=sys.prefix,
        edge_hub_bundle_reuse=str(showfloor_bundle_dir),
        edge_hub_credentials={"site_key": "a-test-site-key", "mqtt_password": "a-test-password"},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:]
    assert (hub / "current").readlink() == hub / "releases" / "0.3.0"
    assert (state / "backups" / "outbox-before-0.3.0.db").is_file()
    assert not (legacy / "current").is_symlink()
    assert release.is_dir() and _left(legacy) == ["0.1.0"]
    assert _left(cloud) == ["0.2.0"] and _left(hub) == ["0.3.0"]
    assert (cloud / "current" / "venv" / "bin" / "showfloor-cloud").exists()
    assert (hub / "current" / "models" / "manifest.json").is_file()
