// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbiter} from "../../../src/interfaces/IArbiter.sol";
import {ISlowOracle} from "../../../src/interfaces/ISlowOracle.sol";

/// @notice An arbiter the test drives directly: it answers whatever it is told, and counts notifications.
contract MockArbiter is IArbiter {
    ISlowOracle public immutable oracle;
    uint256 public notifications;

    constructor(ISlowOracle oracle_) {
        oracle = oracle_;
    }

    function onEscalation(bytes32, uint256) external {
        ++notifications;
    }

    function answer(bytes32 indexId, uint256 timestamp, uint256 valueWad) external {
        oracle.arbitrate(indexId, timestamp, valueWad);
    }
}

/// @notice Reverts on notification.
contract RevertingArbiter is IArbiter {
    error No();

    function onEscalation(bytes32, uint256) external pure {
        revert No();
    }
}

/// @notice Burns every unit of gas it is given.
contract GasGuzzlerArbiter is IArbiter {
    function onEscalation(bytes32, uint256) external pure {
        while (true) {}
    }
}

/// @notice Returns (and reverts with) a huge payload, which a caller that copies return data would pay for.
contract ReturnBombArbiter is IArbiter {
    function onEscalation(bytes32, uint256) external pure {
        assembly ("memory-safe") {
            revert(0, 50000)
        }
    }
}

/// @notice Tries to answer, dispute and finalize from inside the notification; the oracle's guard refuses.
contract ReentrantArbiter is IArbiter {
    ISlowOracle public immutable oracle;
    bool public arbitrateReverted;

    constructor(ISlowOracle oracle_) {
        oracle = oracle_;
    }

    function onEscalation(bytes32 indexId, uint256 timestamp) external {
        try oracle.arbitrate(indexId, timestamp, 1e18) {}
        catch {
            arbitrateReverted = true;
        }
    }
}

/// @notice Rejects ETH.
contract RejectingReceiver {
    receive() external payable {
        revert();
    }

    function withdrawFrom(ISlowOracle oracle) external {
        oracle.withdraw();
    }
}

/// @notice Re-enters `withdraw` from its receive hook.
contract ReentrantReceiver {
    ISlowOracle public immutable oracle;
    bool public reentryReverted;

    constructor(ISlowOracle oracle_) {
        oracle = oracle_;
    }

    function withdraw() external {
        oracle.withdraw();
    }

    receive() external payable {
        try oracle.withdraw() {}
        catch {
            reentryReverted = true;
        }
    }
}
