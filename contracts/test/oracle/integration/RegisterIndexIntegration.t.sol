// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IArbiter} from "../../../src/interfaces/IArbiter.sol";
import {ISlowOracle, IndexConfig} from "../../../src/interfaces/ISlowOracle.sol";
import {SlowOracle} from "../../../src/oracle/SlowOracle.sol";
import {OracleBaseTest} from "../utils/OracleBaseTest.sol";

contract RegisterIndexIntegrationTest is OracleBaseTest {
    /*//////////////////////////////////////////////////////////////
                                REVERTS
    //////////////////////////////////////////////////////////////*/

    function testConstructorInvalidSink() public {
        vm.expectRevert(ISlowOracle.InvalidSink.selector);
        new SlowOracle(address(0));
    }

    function testRegisterIndexInvalidIndexId(address registrar) public {
        vm.prank(registrar);
        vm.expectRevert(ISlowOracle.InvalidIndexId.selector);
        slow.registerIndex(bytes32(0), config);
    }

    /// @dev First come, first served: nobody, the first registrar included, can register the id again.
    function testRegisterIndexExists(address registrar, uint96 bond) public {
        IndexConfig memory other = config;
        other.bond = boundBond(bond, 1, type(uint96).max);
        vm.prank(registrar);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.IndexExists.selector, USD));
        slow.registerIndex(USD, other);
        assertEq(slow.indexConfig(USD).bond, BOND, "settings unchanged");
    }

    function testRegisterIndexInvalidBond() public {
        IndexConfig memory c = config;
        c.bond = 0;
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.InvalidBond.selector, 0));
        slow.registerIndex(EUR, c);
    }

    function testRegisterIndexChallengeWindowTooShort(uint32 window) public {
        window = boundWindow(window, 0, MIN_WINDOW - 1);
        IndexConfig memory c = config;
        c.challengeWindow = window;
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.InvalidWindow.selector, window, ARBITRATION));
        slow.registerIndex(EUR, c);
    }

    function testRegisterIndexChallengeWindowTooLong(uint32 window) public {
        window = boundWindow(window, MAX_WINDOW + 1, type(uint32).max);
        IndexConfig memory c = config;
        c.challengeWindow = window;
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.InvalidWindow.selector, window, ARBITRATION));
        slow.registerIndex(EUR, c);
    }

    function testRegisterIndexArbitrationWindowOutOfRange(uint32 window, bool tooLong) public {
        window =
            tooLong ? boundWindow(window, MAX_WINDOW + 1, type(uint32).max) : boundWindow(window, 0, MIN_WINDOW - 1);
        IndexConfig memory c = config;
        c.arbitrationWindow = window;
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.InvalidWindow.selector, WINDOW, window));
        slow.registerIndex(EUR, c);
    }

    function testRegisterIndexInvalidMaxRounds(uint8 maxRounds) public {
        vm.assume(maxRounds == 0 || maxRounds > MAX_ROUNDS);
        IndexConfig memory c = config;
        c.maxRounds = maxRounds;
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.InvalidMaxRounds.selector, maxRounds));
        slow.registerIndex(EUR, c);
    }

    /// @dev The arbiter must be a contract, and not the oracle itself (which could never answer).
    function testRegisterIndexInvalidArbiter(address eoa) public {
        vm.assume(eoa.code.length == 0);
        IndexConfig memory c = config;
        address[2] memory bad = [eoa, address(slow)];
        for (uint256 i; i < bad.length; ++i) {
            c.arbiter = IArbiter(bad[i]);
            vm.expectRevert(abi.encodeWithSelector(ISlowOracle.InvalidArbiter.selector, bad[i]));
            slow.registerIndex(EUR, c);
        }
    }

    function testRegisterIndexZeroMinValue(uint128 maxValueWad) public {
        IndexConfig memory c = config;
        c.minValueWad = 0;
        c.maxValueWad = maxValueWad;
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.InvalidBounds.selector, 0, maxValueWad));
        slow.registerIndex(EUR, c);
    }

    function testRegisterIndexMinAboveMax(uint128 minValueWad, uint128 maxValueWad) public {
        minValueWad = boundWad(minValueWad, 2, type(uint128).max);
        maxValueWad = boundWad(maxValueWad, 1, minValueWad - 1);
        IndexConfig memory c = config;
        c.minValueWad = minValueWad;
        c.maxValueWad = maxValueWad;
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.InvalidBounds.selector, minValueWad, maxValueWad));
        slow.registerIndex(EUR, c);
    }

    function testIndexConfigNotFound(bytes32 indexId) public {
        vm.assume(indexId != USD);
        vm.expectRevert(abi.encodeWithSelector(ISlowOracle.IndexNotFound.selector, indexId));
        slow.indexConfig(indexId);
    }

    /*//////////////////////////////////////////////////////////////
                                EFFECTS
    //////////////////////////////////////////////////////////////*/

    function testRegisterIndex(
        bytes32 indexId,
        address registrar,
        bytes32 rulesHash,
        uint96 bond,
        uint32 challengeWindow,
        uint32 arbitrationWindow,
        uint8 maxRounds,
        uint128 minValueWad,
        uint128 maxValueWad
    ) public {
        vm.assume(indexId != bytes32(0) && indexId != USD);
        IndexConfig memory c = IndexConfig({
            rulesHash: rulesHash,
            bond: boundBond(bond, 1, type(uint96).max),
            challengeWindow: boundWindow(challengeWindow, MIN_WINDOW, MAX_WINDOW),
            arbitrationWindow: boundWindow(arbitrationWindow, MIN_WINDOW, MAX_WINDOW),
            maxRounds: boundRounds(maxRounds, 1, MAX_ROUNDS),
            arbiter: IArbiter(address(committee)),
            minValueWad: boundWad(minValueWad, 1, type(uint128).max),
            maxValueWad: 0
        });
        c.maxValueWad = boundWad(maxValueWad, c.minValueWad, type(uint128).max);

        vm.expectEmit(address(slow));
        emit ISlowOracle.IndexRegistered(indexId, registrar, c);
        vm.prank(registrar);
        slow.registerIndex(indexId, c);

        assertEq(abi.encode(slow.indexConfig(indexId)), abi.encode(c), "stored settings");
        assertEq(abi.encode(slow.indexConfig(USD)), abi.encode(config), "other index untouched");
    }

    /// @dev The edges of every range are accepted: shortest and longest windows, 1 and MAX_ROUNDS rounds, a
    /// single admissible value.
    function testRegisterIndexEdges() public {
        IndexConfig memory c = config;
        c.challengeWindow = MIN_WINDOW;
        c.arbitrationWindow = MAX_WINDOW;
        c.maxRounds = 1;
        c.minValueWad = 1;
        c.maxValueWad = 1;
        slow.registerIndex(EUR, c);
        c.challengeWindow = MAX_WINDOW;
        c.arbitrationWindow = MIN_WINDOW;
        c.maxRounds = MAX_ROUNDS;
        c.minValueWad = type(uint128).max;
        c.maxValueWad = type(uint128).max;
        c.bond = type(uint96).max;
        slow.registerIndex(CPI, c);
        assertEq(abi.encode(slow.indexConfig(CPI)), abi.encode(c));
    }

    function testConstants() public view {
        assertEq(slow.RIGHT_SHARE_BPS(), 5000);
        assertEq(slow.SINK(), sink);
        assertEq(slow.MAX_ROUNDS(), MAX_ROUNDS);
        assertEq(slow.MIN_WINDOW(), MIN_WINDOW);
        assertEq(slow.MAX_WINDOW(), MAX_WINDOW);
        assertEq(slow.ARBITER_GAS(), 100_000);
    }
}
