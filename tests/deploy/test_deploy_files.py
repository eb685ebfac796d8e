"""The deployment files say what the README promises, checked as far as this machine can:
the compose file's shape, the image's stages, user and health check, and the systemd unit
with `systemd-analyze verify`."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

DEPLOY = Path(__file__).parents[2] / "deploy"


def test_compose_runs_postgres_and_two_instances_that_wait_for_it() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert set(services) == {"postgres", "guildbot-a", "guildbot-b"}
    assert "pg_isready" in services["postgres"]["healthcheck"]["test"]
    names = set()
    for name in ("guildbot-a", "guildbot-b"):
        service = services[name]
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert service["environment"]["GUILDBOT_DATABASE_URL"].startswith("postgresql://")
        assert "@postgres:5432/" in service["environment"]["GUILDBOT_DATABASE_URL"]
        assert service["restart"] == "unless-stopped"
        names.add(service["environment"]["GUILDBOT_INSTANCE_NAME"])
        assert all(port.startswith("127.0.0.1:") for port in service["ports"])
    assert len(names) == 2  # each instance says which it is in logs and claims


def test_the_image_is_multi_stage_non_root_and_checks_its_health() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert len(re.findall(r"^FROM ", dockerfile, re.MULTILINE)) == 2
    [user] = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert user not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*", dockerfile, re.MULTILINE)
    assert "/healthz" in dockerfile
    assert 'ENTRYPOINT ["guildbot"]' in dockerfile and 'CMD ["run"]' in dockerfile


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_the_systemd_unit_verifies(tmp_path: Path) -> None:
    unit = (DEPLOY / "guildbot.service").read_text(encoding="utf-8")
    assert "ExecStart=/opt/guildbot/.venv/bin/guildbot run" in unit
    # Verified as installed here: this checkout's guildbot in place of /opt/guildbot's.
    here = Path(sys.executable).parent / "guildbot"
    copy = tmp_path / "guildbot.service"
    copy.write_text(unit.replace("/opt/guildbot/.venv/bin/guildbot", str(here)), encoding="utf-8")
    checked = subprocess.run(
        ["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.strip() == "", checked.stderr  # no unknown keys or bad values
    assert "RestartPreventExitStatus=2" in unit  # a setting that cannot be used: no restart loop
