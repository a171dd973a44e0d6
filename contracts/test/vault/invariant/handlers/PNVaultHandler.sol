// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PNCore} from "../../../../src/PNCore.sol";
import {DevOracle} from "../../../../src/dev/DevOracle.sol";
import {DevWETH} from "../../../../src/dev/DevWETH.sol";
import {IIndexOracle} from "../../../../src/interfaces/IIndexOracle.sol";
import {IPNCore} from "../../../../src/interfaces/IPNCore.sol";
import {IPNMarket} from "../../../../src/interfaces/IPNMarket.sol";
import {IPNVaultBase} from "../../../../src/interfaces/IPNVault.sol";
import {PNMarket} from "../../../../src/market/PNMarket.sol";
import {PNToken} from "../../../../src/tokens/PNToken.sol";
import {SeriesKey} from "../../../../src/types/SeriesKey.sol";
import {PNVault} from "../../../../src/vault/PNVault.sol";
import {VaultMath} from "../../../../src/vault/libraries/VaultMath.sol";
import {VaultRulesLib} from "../../../../src/vault/libraries/VaultRulesLib.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Drives a vault on the real core and market: deposits (ETH and P), withdrawals, share transfers, roll
/// triggers with honest, false-low and false-high hints, maker fills, closes, re-entries, oracle reports, price
/// moves, donations, strangers cancelling expired orders, and time warps. It keeps a ghost model of the shares
/// and of the vault's phase machine. Each action is `try` → check against the model and apply to it; `catch` →
/// the revert must be the one the model predicts (the suite runs with `fail-on-revert`).
contract PNVaultHandler is Test {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant V = VaultMath.VIRTUAL_SHARES;
    bytes32 internal constant USD = "USD";
    bytes32 internal constant _SIGNAL = "trigger (signal)";
    bytes32 internal constant _SCHEDULED = "trigger (scheduled)";

    PNCore public immutable core;
    DevWETH public immutable weth;
    PNMarket public immutable market;
    DevOracle public immutable oracle;
    PNVault public immutable vault;
    bytes32 public immutable rulesHash;
    IPNVaultBase.Rules internal _rules;

    address[] public actors;
    address public keeper = makeAddr("keeper");
    address public maker = makeAddr("maker");
    address public donor = makeAddr("donor");
    address public stranger = makeAddr("stranger");

    uint256 public price = 3000e18; // the index's "true" price, moved by `movePrice`
    mapping(address => uint256) public ghostShares;
    uint256 public ghostSupply;
    uint256 public ghostLastRollAt;
    // Violations seen (each must stay 0).
    uint256 public vt1Violations;
    uint256 public vt5Violations;
    uint256 public vt6Violations;
    mapping(bytes32 action => uint256) public calls;

    struct Snap {
        uint256 cur;
        uint256 second;
        address secondToken;
        uint256 supply;
    }

    constructor() {
        weth = new DevWETH();
        core = new PNCore(address(weth));
        market = new PNMarket(core);
        oracle = new DevOracle();
        _rules = IPNVaultBase.Rules({
            oracle: IIndexOracle(address(oracle)),
            indexId: USD,
            strikeFractionBps: 5000,
            strikeSigFigs: 2,
            minStrikeStepBps: 2500,
            maxRefAge: 1 days,
            triggerBps: 15_000,
            minRollInterval: 3 days,
            tenor: 28 days,
            maturityOrigin: block.timestamp - 3 days,
            maturityPeriod: 7 days,
            rollLead: 7 days,
            auctionDuration: 1 days,
            auctionHalfLife: 3 hours,
            auctionPatience: 1 days,
            rollStartBps: 10_200,
            rollFloorBps: 9800,
            saleStartBps: 12_000,
            saleFloorBps: 8000,
            rewardBps: 1,
            rewardCap: 0.01 ether
        });
        vault = new PNVault(IPNMarket(address(market)), _rules, price, "pn USD", "pnUSD");
        rulesHash = VaultRulesLib.hash(_rules);
        for (uint256 i; i < 3; ++i) {
            actors.push(makeAddr(string.concat("holder", vm.toString(i))));
        }
    }

    /*//////////////////////////////////////////////////////////////
                               DEPOSITS
    //////////////////////////////////////////////////////////////*/

    function depositETH(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        amount = bound(amount, 0, 1e22);
        (bool open, IPNVaultBase.Phase phase) = _depositsOpen();
        Snap memory b = _snap();
        uint256 expected = amount == 0 ? 0 : VaultMath.sharesFor(amount, b.cur, b.supply);
        vm.deal(actor, amount);
        vm.prank(actor);
        try vault.deposit{value: amount}(actor) returns (uint256 shares) {
            assertTrue(amount != 0 && open && expected != 0, "deposit: model predicted a revert");
            assertEq(shares, expected, "deposit: shares");
            _minted(actor, shares);
            _checkVT1(b);
            ++calls["depositETH"];
        } catch (bytes memory err) {
            _depositReverted(err, amount, open, phase, expected);
        }
    }

    function depositP(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        amount = bound(amount, 1, 1e22);
        (bool open, IPNVaultBase.Phase phase) = _depositsOpen();
        if (!open) return; // P of a matured series cannot be split; the ETH path covers the closed case
        SeriesKey memory k = vault.currentSeries();
        _splitTo(actor, k, amount);
        (address p,) = core.tokensOf(k);
        vm.prank(actor);
        PNToken(p).approve(address(vault), amount);
        Snap memory b = _snap();
        uint256 expected = VaultMath.sharesFor(amount, b.cur, b.supply);
        vm.prank(actor);
        try vault.depositP(amount, actor) returns (uint256 shares) {
            assertTrue(expected != 0, "depositP: model predicted ZeroShares");
            assertEq(shares, expected, "depositP: shares");
            _minted(actor, shares);
            _checkVT1(b);
            ++calls["depositP"];
        } catch (bytes memory err) {
            _depositReverted(err, amount, open, phase, expected);
        }
    }

    function _depositReverted(bytes memory err, uint256 amount, bool open, IPNVaultBase.Phase phase, uint256 shares)
        private
        view
    {
        if (amount == 0) return assertEq(err, abi.encodeWithSelector(IPNVaultBase.ZeroAmount.selector));
        if (!open) {
            bytes memory closed =
                abi.encodeWithSelector(IPNVaultBase.DepositsClosed.selector, phase, vault.currentSeries().maturity);
            return assertEq(err, closed, "deposit: closed");
        }
        if (shares == 0) return assertEq(err, abi.encodeWithSelector(IPNVaultBase.ZeroShares.selector, amount));
        _unexpected(err);
    }

    /*//////////////////////////////////////////////////////////////
                              WITHDRAWALS
    //////////////////////////////////////////////////////////////*/

    /// @dev Always succeeds (exit is never closed) and pays exactly the model's pro-rata claim.
    function withdraw(uint256 actorSeed, uint256 shares) external {
        address actor = _actor(actorSeed);
        if (ghostShares[actor] == 0) return;
        shares = bound(shares, 1, ghostShares[actor]);
        Snap memory b = _snap();
        uint256 curClaim = VaultMath.claimOf(shares, b.cur, b.supply);
        uint256 secondClaim = VaultMath.claimOf(shares, b.second, b.supply);
        vm.prank(actor);
        try vault.withdraw(shares, actor) {
            ghostShares[actor] -= shares;
            ghostSupply -= shares;
            Snap memory a = _snap();
            assertEq(a.cur, b.cur - curClaim, "withdraw: current P paid");
            if (a.secondToken == b.secondToken) assertEq(a.second, b.second - secondClaim, "withdraw: second paid");
            _checkVT1(b);
            ++calls["withdraw"];
        } catch (bytes memory err) {
            _unexpected(err);
        }
    }

    function transferShares(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        amount = bound(amount, 0, ghostShares[from]);
        vm.prank(from);
        assertTrue(vault.transfer(to, amount));
        ghostShares[from] -= amount;
        ghostShares[to] += amount;
        ++calls["transferShares"];
    }

    /*//////////////////////////////////////////////////////////////
                                ROLLING
    //////////////////////////////////////////////////////////////*/

    /// @dev What the model knows before a trigger.
    struct Pre {
        IPNVaultBase.Phase phase;
        IPNVaultBase.State s;
        bool scheduled;
        bool signal;
        uint256 signalBelow;
        uint256 allowedAt;
        uint256 held;
        uint256 rewardBefore;
        SeriesKey from;
        address pFrom;
    }

    /// @dev Hints: none, honest (half the time), false-low (down to 1 wei) or false-high.
    function trigger(uint256 kind, uint256 hintSeed) external {
        uint256 hint =
            [0, price, price, price, 0, price, bound(hintSeed, 1, price), bound(hintSeed, price, 1e24)][kind % 8];
        Pre memory pre;
        pre.phase = _phaseAfterSync();
        pre.s = vault.state();
        pre.scheduled = block.timestamp + _rules.rollLead >= pre.s.maturity;
        pre.signalBelow = uint256(pre.s.strikeWad) * _rules.triggerBps / BPS;
        pre.signal = hint != 0 && hint < pre.signalBelow;
        pre.allowedAt = pre.s.lastRollAt == 0 ? 0 : pre.s.lastRollAt + _rules.minRollInterval;
        (pre.held,,) = vault.holdings();
        pre.from = vault.currentSeries();
        (pre.pFrom,) = core.tokensOf(pre.from);
        pre.rewardBefore = PNToken(pre.pFrom).balanceOf(keeper);

        vm.prank(keeper);
        try vault.triggerRoll(hint, 0) returns (uint256 orderId) {
            _triggered(pre, orderId);
        } catch (bytes memory err) {
            _triggerReverted(pre, err, hint);
        }
    }

    function _triggered(Pre memory pre, uint256 orderId) internal {
        assertTrue(pre.phase == IPNVaultBase.Phase.Holding && block.timestamp < pre.s.maturity, "trigger: not allowed");
        assertTrue(pre.scheduled || (pre.signal && block.timestamp >= pre.allowedAt), "trigger: not due");
        if (!pre.scheduled && block.timestamp < ghostLastRollAt + _rules.minRollInterval) ++vt6Violations;
        ghostLastRollAt = block.timestamp;
        uint256 reward = PNToken(pre.pFrom).balanceOf(keeper) - pre.rewardBefore;
        if (reward > VaultMath.reward(pre.held, _rules.rewardBps, _rules.rewardCap)) ++vt6Violations;
        SeriesKey memory to = vault.currentSeries();
        assertLe(to.strikeWad, pre.from.strikeWad, "a hint never raises the strike");
        assertGe(to.strikeWad, VaultMath.strikeGridDown(pre.from.strikeWad / 4, 2), "at most a quarter lower");
        assertGt(to.maturity, pre.from.maturity);
        if (orderId != 0) _checkFloor(orderId, VaultMath.rollRefWad(pre.from.strikeWad, to.strikeWad), true);
        ++calls[pre.signal && !pre.scheduled ? _SIGNAL : _SCHEDULED];
    }

    function _triggerReverted(Pre memory pre, bytes memory err, uint256 hint) internal view {
        if (pre.phase != IPNVaultBase.Phase.Holding) {
            return assertEq(err, abi.encodeWithSelector(IPNVaultBase.NotHolding.selector, pre.phase));
        }
        if (block.timestamp >= pre.s.maturity) {
            return
                assertEq(
                    err, abi.encodeWithSelector(IPNVaultBase.SeriesMatured.selector, pre.s.maturity, block.timestamp)
                );
        }
        if (!pre.scheduled && !pre.signal) {
            uint256 scheduledAt = pre.s.maturity - _rules.rollLead;
            return
                assertEq(
                    err, abi.encodeWithSelector(IPNVaultBase.RollNotDue.selector, scheduledAt, pre.signalBelow, hint)
                );
        }
        if (!pre.scheduled) {
            return assertEq(err, abi.encodeWithSelector(IPNVaultBase.RollRateLimited.selector, pre.allowedAt));
        }
        _unexpected(err);
    }

    /// @dev A maker fills some or all of the vault's open auction at its current price (VT-5: never below the floor).
    function fill(uint256 fraction) external {
        uint256 orderId = vault.state().orderId;
        if (orderId == 0) return;
        IPNMarket.Order memory o = market.orderOf(orderId);
        if (o.maker == address(0) || block.timestamp >= o.expiry) return;
        uint256 amount = fraction % 2 == 0 ? o.amount : bound(fraction, 1, o.amount); // half the fills take it all
        uint256 cost = market.quote(orderId, amount);
        SeriesKey memory wantKey = PNToken(o.counterToken).seriesKey();
        _splitTo(maker, wantKey, cost);
        vm.startPrank(maker);
        PNToken(o.counterToken).approve(address(market), cost);
        uint256 before = PNToken(o.counterToken).balanceOf(address(vault));
        market.fill(orderId, amount, maker);
        vm.stopPrank();
        uint256 received = PNToken(o.counterToken).balanceOf(address(vault)) - before;
        if (received != cost || received * 1e18 < amount * o.floorPriceWad) ++vt5Violations;
        ++calls["fill"];
    }

    function close() external {
        IPNVaultBase.State memory s = vault.state();
        bool open = s.orderId != 0 && market.orderOf(s.orderId).maker != address(0);
        try vault.closeAuction() {
            assertTrue(s.orderId != 0 && (!open || block.timestamp >= s.deadline), "close: model predicted a revert");
            ++calls["close"];
        } catch (bytes memory err) {
            if (s.orderId == 0) return assertEq(err, abi.encodeWithSelector(IPNVaultBase.NoAuction.selector));
            assertEq(err, abi.encodeWithSelector(IPNVaultBase.AuctionOpen.selector, s.orderId, s.deadline));
        }
    }

    function reenter() external {
        IPNVaultBase.Phase phase = _phaseAfterSync();
        IPNVaultBase.State memory s = vault.state();
        bool open = phase == IPNVaultBase.Phase.Rolling || phase == IPNVaultBase.Phase.Selling;
        bool legacy = phase == IPNVaultBase.Phase.Legacy;
        bool curDue = block.timestamp >= s.maturity;
        bool prevDue = legacy && block.timestamp >= s.secondMaturity;
        bool reported = (!legacy || _reported(s.secondMaturity)) && (!curDue || _reported(s.maturity));
        uint256 xPrev = legacy ? _xOf(s.secondMaturity) : 0;
        uint256 wethBefore = weth.balanceOf(keeper);

        vm.prank(keeper);
        try vault.reenter() {
            assertTrue(!open && (curDue || prevDue) && reported, "reenter: model predicted a revert");
            assertTrue(curDue || xPrev > s.strikeWad, "reenter: unsafe");
            uint256 reward = weth.balanceOf(keeper) - wethBefore;
            if (reward > _rules.rewardCap) ++vt6Violations;
            IPNVaultBase.State memory a = vault.state();
            if (a.orderId != 0) {
                uint256 x = curDue ? _xOf(s.maturity) : xPrev;
                _checkFloor(a.orderId, VaultMath.saleRefWad(x, a.strikeWad), false);
            }
            ++calls["reenter"];
        } catch (bytes memory err) {
            if (open) {
                return assertEq(err, abi.encodeWithSelector(IPNVaultBase.AuctionOpen.selector, s.orderId, s.deadline));
            }
            if (!curDue && !prevDue) {
                uint256 readyAt = legacy ? s.secondMaturity : s.maturity;
                return assertEq(err, abi.encodeWithSelector(IPNVaultBase.ReentryNotDue.selector, phase, readyAt));
            }
            // forge-lint: disable-next-line(unsafe-typecast)
            if (!reported) return assertEq(bytes4(err), IPNCore.OracleNotFinal.selector);
            if (!curDue && xPrev <= s.strikeWad) {
                return assertEq(err, abi.encodeWithSelector(IPNVaultBase.ReentryUnsafe.selector, xPrev, s.strikeWad));
            }
            _unexpected(err);
        }
    }

    /*//////////////////////////////////////////////////////////////
                              THE WORLD
    //////////////////////////////////////////////////////////////*/

    /// @dev The oracle reports the current price for every matured question the vault needs.
    function report() external {
        IPNVaultBase.State memory s = vault.state();
        _reportIfDue(s.maturity);
        if (s.secondMaturity != 0) _reportIfDue(s.secondMaturity);
    }

    function movePrice(uint256 factorBps) external {
        price = price * bound(factorBps, 8500, 11_500) / BPS;
        if (price < 100e18) price = 100e18;
        if (price > 1e24) price = 1e24;
        ++calls["movePrice"];
    }

    function warp(uint256 dt) external {
        vm.warp(block.timestamp + bound(dt, 1 minutes, 3 days));
        ++calls["warp"];
    }

    /// @dev A diligent keeper's round: report what matured, close a finished auction, re-enter when due, roll on an
    /// honest hint when due. Moves the phase machine along so that sequences reach its later states.
    function keeperRound() external {
        this.report();
        if (vault.canClose()) this.close();
        if (vault.canReenter()) this.reenter();
        if (vault.canTrigger(price, 0)) this.trigger(1, 0);
        ++calls["keeperRound"];
    }

    /// @dev Gifts to the vault: P of the current series, WETH, or N of the current series. None may break a rule.
    function donate(uint256 kind, uint256 amount) external {
        amount = bound(amount, 1, 1e20);
        SeriesKey memory k = vault.currentSeries();
        if (block.timestamp >= k.maturity) return;
        _splitTo(donor, k, amount);
        (address p, address n) = core.tokensOf(k);
        vm.startPrank(donor);
        if (kind % 3 == 0) assertTrue(PNToken(p).transfer(address(vault), amount));
        else if (kind % 3 == 1) assertTrue(PNToken(n).transfer(address(vault), amount));
        else core.merge(k, amount, address(vault)); // WETH
        vm.stopPrank();
        ++calls["donate"];
    }

    /// @dev Anyone may cancel an expired order at the market; the escrow goes back to the vault.
    function strangerCancel() external {
        uint256 orderId = vault.state().orderId;
        if (orderId == 0) return;
        IPNMarket.Order memory o = market.orderOf(orderId);
        if (o.maker == address(0) || block.timestamp < o.expiry) return;
        vm.prank(stranger);
        market.cancel(orderId);
        ++calls["strangerCancel"];
    }

    /*//////////////////////////////////////////////////////////////
                                 MODEL
    //////////////////////////////////////////////////////////////*/

    /// @dev The phase the vault is in once its open auction is closed, if it is finished (`_sync`'s rule).
    function _phaseAfterSync() internal view returns (IPNVaultBase.Phase) {
        IPNVaultBase.State memory s = vault.state();
        if (s.orderId == 0) return s.phase;
        IPNMarket.Order memory o = market.orderOf(s.orderId);
        bool open = o.maker != address(0);
        if (open && block.timestamp < s.deadline) return s.phase;
        uint256 leftover = open ? o.amount : (block.timestamp >= s.deadline ? _min(_secondBalance(s), s.secondHeld) : 0);
        if (leftover == 0) return IPNVaultBase.Phase.Holding;
        return s.phase == IPNVaultBase.Phase.Rolling ? IPNVaultBase.Phase.Legacy : IPNVaultBase.Phase.Stranded;
    }

    function _depositsOpen() internal view returns (bool open, IPNVaultBase.Phase phase) {
        phase = _phaseAfterSync();
        open = phase == IPNVaultBase.Phase.Holding && block.timestamp < vault.currentSeries().maturity;
    }

    function _secondBalance(IPNVaultBase.State memory s) internal view returns (uint256) {
        SeriesKey memory k = _key(s.secondStrikeWad, s.secondMaturity);
        (address p, address n) = core.tokensOf(k);
        return PNToken(s.phase >= IPNVaultBase.Phase.Selling ? n : p).balanceOf(address(vault));
    }

    function _snap() internal view returns (Snap memory s) {
        (s.cur, s.secondToken, s.second) = vault.holdings();
        s.supply = vault.totalSupply();
    }

    /// @dev VT-1: every asset's holdings per share (`H / (T + V)`) did not fall.
    function _checkVT1(Snap memory b) internal {
        Snap memory a = _snap();
        if (a.cur * (b.supply + V) < b.cur * (a.supply + V)) ++vt1Violations;
        if (a.secondToken == b.secondToken && a.second * (b.supply + V) < b.second * (a.supply + V)) {
            ++vt1Violations;
        }
    }

    /// @dev VT-5 at posting: the floor is at least `ref * floorBps / 1e4` (rounded up) of the reference price.
    function _checkFloor(uint256 orderId, uint256 refWad, bool roll) internal {
        uint256 floorBps = roll ? _rules.rollFloorBps : _rules.saleFloorBps;
        if (market.orderOf(orderId).floorPriceWad * BPS < refWad * floorBps) ++vt5Violations;
    }

    function _minted(address actor, uint256 shares) internal {
        ghostShares[actor] += shares;
        ghostSupply += shares;
    }

    function _reportIfDue(uint256 maturity) internal {
        if (block.timestamp < maturity || _reported(maturity)) return;
        oracle.report(USD, maturity, price);
        ++calls["report"];
    }

    function _reported(uint256 maturity) internal view returns (bool) {
        return oracle.reported(USD, maturity) != 0;
    }

    function _xOf(uint256 maturity) internal view returns (uint256) {
        return oracle.reported(USD, maturity);
    }

    function _splitTo(address who, SeriesKey memory k, uint256 amount) internal {
        vm.deal(who, amount);
        vm.startPrank(who);
        core.split{value: amount}(k, amount, who);
        vm.stopPrank();
    }

    function _key(uint256 strikeWad, uint256 maturity) internal view returns (SeriesKey memory) {
        return SeriesKey({
            collateral: address(weth),
            oracle: IIndexOracle(address(oracle)),
            indexId: USD,
            // forge-lint: disable-next-line(unsafe-typecast)
            strikeWad: uint128(strikeWad),
            // forge-lint: disable-next-line(unsafe-typecast)
            maturity: uint40(maturity)
        });
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function rules() external view returns (IPNVaultBase.Rules memory) {
        return _rules;
    }

    function _unexpected(bytes memory err) internal pure {
        assertEq(err, "", "unexpected revert");
    }

    function _min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }
}
