// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PNCore} from "../PNCore.sol";
import {IPNMarket} from "../interfaces/IPNMarket.sol";
import {IPNVault} from "../interfaces/IPNVault.sol";
import {SeriesTokenLib} from "../market/libraries/SeriesTokenLib.sol";
import {SeriesId, SeriesKey} from "../types/SeriesKey.sol";
import {PNVaultEngine} from "./PNVaultEngine.sol";
import {VaultBase} from "./VaultBase.sol";
import {VaultMath} from "./libraries/VaultMath.sol";
import {ERC20} from "solady/tokens/ERC20.sol";
import {LibString} from "solady/utils/LibString.sol";
import {ReentrancyGuardTransient} from "solady/utils/ReentrancyGuardTransient.sol";
import {SafeTransferLib} from "solady/utils/SafeTransferLib.sol";

/// @title PNVault
/// @notice See `IPNVault`. All prose lives there; the arithmetic is `VaultMath`'s, the shared reads `VaultBase`'s.
/// `triggerRoll`, `reenter`, a withdrawal's step inside an open auction and the keeper previews run in
/// `PNVaultEngine`, which this contract deploys in its constructor with the same rules and calls by `delegatecall`
/// (in this storage, under this reentrancy guard): the split keeps both under the 24,576-byte code limit. Nothing
/// can replace the engine. The views reach it through `viewOnEngine` inside a static call.
contract PNVault is IPNVault, VaultBase, ERC20, ReentrancyGuardTransient {
    using SafeTransferLib for address;

    /// @inheritdoc IPNVault
    uint256 public constant VIRTUAL_SHARES = VaultMath.VIRTUAL_SHARES;
    /// @notice `viewOnEngine` was called by someone other than the vault itself.
    error OnlySelf(address caller);

    /// @notice The engine this vault deployed and delegates `triggerRoll` and `reenter` to.
    address public immutable engine;
    bytes32 private immutable _name;
    bytes32 private immutable _symbol;
    bytes32 private immutable _nameHash;

    /// @param market_ The market whose core the vault uses; its collateral is the core's WETH.
    /// @param rules_ The policy (`VaultRulesLib.validate`).
    /// @param initialPriceWad The index price at deployment: the first strike is `k * initialPriceWad` on the grid.
    /// Trusted once, at deployment, and visible on chain (`state().strikeWad`): check it before depositing.
    /// @param name_ The share's name, at most 31 bytes (e.g. "pn USD, 50% strike, 4-week roll").
    /// @param symbol_ The share's symbol, at most 31 bytes (e.g. "pnUSD").
    constructor(
        IPNMarket market_,
        Rules memory rules_,
        uint256 initialPriceWad,
        string memory name_,
        string memory symbol_
    ) VaultBase(_config(market_, rules_)) {
        engine = address(new PNVaultEngine(_config(market_, rules_)));
        _name = LibString.toSmallString(name_);
        _symbol = LibString.toSmallString(symbol_);
        _nameHash = keccak256(bytes(name_));
        uint256 strike = _strikeFor(initialPriceWad, rules_);
        if (strike == 0 || strike > type(uint128).max) revert InvalidRule("initialPriceWad", initialPriceWad);
        uint256 maturity = _newMaturity(block.timestamp, rules_);
        // The strike was just checked below 2^128; the maturity is below 2^39 + 6 years (`VaultRulesLib`).
        // forge-lint: disable-next-line(unsafe-typecast)
        _s.strikeWad = uint128(strike);
        // forge-lint: disable-next-line(unsafe-typecast)
        _s.maturity = uint40(maturity);
        _createIfMissing(_key(strike, maturity));
        collateral.safeApprove(core, type(uint256).max); // `reenter` splits WETH
    }

    /*//////////////////////////////////////////////////////////////
                                DEPOSITS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPNVault
    function deposit(address to) external payable nonReentrant returns (uint256 shares) {
        (SeriesKey memory key, SeriesId id, address nToken, uint256 held) = _openForDeposit(to, msg.value);
        shares = _mintShares(msg.value, held, to);
        emit Deposit(msg.sender, to, id, msg.value, msg.value, shares);
        PNCore(payable(core)).split{value: msg.value}(key, msg.value, address(this));
        nToken.safeTransfer(to, msg.value);
    }

    /// @inheritdoc IPNVault
    function depositP(uint256 amount, address to) external nonReentrant returns (uint256 shares) {
        (SeriesKey memory key, SeriesId id,, uint256 held) = _openForDeposit(to, amount);
        shares = _mintShares(amount, held, to);
        emit Deposit(msg.sender, to, id, amount, 0, shares);
        (, address pToken,) = SeriesTokenLib.tokensOf(core, _tokenImpl, key);
        pToken.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @dev VT-1: shares round down, so the holdings per share never fall (`VaultMath.sharesFor`).
    function _mintShares(uint256 amount, uint256 held, address to) private returns (uint256 shares) {
        shares = VaultMath.sharesFor(amount, held, totalSupply());
        if (shares == 0) revert ZeroShares(amount);
        _mint(to, shares);
    }

    /// @dev Deposits need `Holding` (the vault holds its current P alone) and an unmatured series.
    function _openForDeposit(address to, uint256 amount)
        private
        returns (SeriesKey memory key, SeriesId id, address nToken, uint256 held)
    {
        if (amount == 0) revert ZeroAmount();
        if (to == address(0)) revert ZeroAddress();
        _sync();
        Phase phase = _s.phase;
        uint256 maturity = _s.maturity;
        if (phase != Phase.Holding || block.timestamp >= maturity) revert DepositsClosed(phase, maturity);
        key = _key(_s.strikeWad, maturity);
        (id,, nToken) = SeriesTokenLib.tokensOf(core, _tokenImpl, key);
        (held,) = PNCore(payable(core)).balancesOf(id, address(this));
    }

    /*//////////////////////////////////////////////////////////////
                              WITHDRAWALS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPNVault
    /// @dev VT-1 / VT-2: each asset's claim is `VaultMath.claimOf`, rounded down.
    function withdraw(uint256 shares, address to)
        external
        nonReentrant
        returns (uint256 curOut, uint256 secondOut, uint256 collateralOut)
    {
        if (shares == 0) revert ZeroAmount();
        if (to == address(0)) revert ZeroAddress();
        uint256 balance = balanceOf(msg.sender);
        if (shares > balance) revert InsufficientShares(msg.sender, balance, shares);
        _sync();
        State memory s = _s;
        uint256 supply = totalSupply();
        (uint256 curHeld, uint256 secondHeld,) = _holdings(s);
        curOut = VaultMath.claimOf(shares, curHeld, supply);
        secondOut = VaultMath.claimOf(shares, secondHeld, supply);
        _burn(msg.sender, shares);
        if (secondOut != 0) _takeSecond(s, secondOut);
        (curOut, secondOut, collateralOut) = _payClaims(s, curOut, secondOut, to);
        emit Withdraw(msg.sender, to, shares, curOut, secondOut, collateralOut);
    }

    /// @dev Pays the claims: the current P (with N of the current series as the second asset), then P of the
    /// previous series. Returns what went out in kind and as collateral.
    function _payClaims(State memory s, uint256 curOut, uint256 secondOut, address to)
        private
        returns (uint256 curPaid, uint256 secondPaid, uint256 collateralOut)
    {
        bool secondIsN = s.phase >= Phase.Selling;
        (curPaid, secondPaid, collateralOut) =
            _pay(_key(s.strikeWad, s.maturity), curOut, secondIsN ? secondOut : 0, to);
        if (!secondIsN && secondOut != 0) {
            uint256 c;
            (secondPaid,, c) = _pay(_key(s.secondStrikeWad, s.secondMaturity), secondOut, 0, to);
            collateralOut += c;
        }
    }

    /// @dev Frees `amount` of the second asset: from what is held, or from the open auction (in the engine).
    function _takeSecond(State memory s, uint256 amount) private {
        if (s.orderId != 0) {
            _delegate(abi.encodeCall(PNVaultEngine.takeFromAuction, (amount)));
            return;
        }
        // A claim is at most the holding it is a claim on (`VaultMath.claimOf`), itself below 2^128.
        // forge-lint: disable-next-line(unsafe-typecast)
        _s.secondHeld = uint128(s.secondHeld - amount);
        if (s.secondHeld == amount) _toHolding();
    }

    /// @dev Pays `p` P and `n` N of `key` to `to`: redeemed into collateral if the series is settled, else in kind.
    function _pay(SeriesKey memory key, uint256 p, uint256 n, address to)
        private
        returns (uint256 pInKind, uint256 nInKind, uint256 collateralOut)
    {
        if (p == 0 && n == 0) return (0, 0, 0);
        (SeriesId id, address pToken, address nToken) = SeriesTokenLib.tokensOf(core, _tokenImpl, key);
        if (block.timestamp >= key.maturity && PNCore(payable(core)).settlementOf(id) != 0) {
            return (0, 0, PNCore(payable(core)).redeem(key, p, n, to));
        }
        if (p != 0) pToken.safeTransfer(to, p);
        if (n != 0) nToken.safeTransfer(to, n);
        return (p, n, 0);
    }

    /*//////////////////////////////////////////////////////////////
                                ROLLING
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPNVault
    function triggerRoll(uint256 hintWad, uint256 refTimestamp) external nonReentrant returns (uint256 orderId) {
        hintWad;
        refTimestamp;
        return abi.decode(_delegate(msg.data), (uint256));
    }

    /// @inheritdoc IPNVault
    function closeAuction() external nonReentrant returns (uint256 leftover) {
        uint256 orderId = _s.orderId;
        if (orderId == 0) revert NoAuction();
        if (!_sync()) revert AuctionOpen(orderId, _s.deadline);
        return _s.secondHeld;
    }

    /// @inheritdoc IPNVault
    function reenter() external nonReentrant returns (uint256 orderId) {
        return abi.decode(_delegate(msg.data), (uint256));
    }

    /// @dev Runs `data` in the engine, in this contract's storage, and returns its return data.
    function _delegate(bytes memory data) private returns (bytes memory ret) {
        bool ok;
        (ok, ret) = engine.delegatecall(data);
        if (!ok) _revertWith(ret);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPNVault
    function rules() external view returns (Rules memory) {
        return _rules();
    }

    /// @inheritdoc IPNVault
    function state() external view returns (State memory) {
        return _s;
    }

    /// @inheritdoc IPNVault
    function currentSeries() external view returns (SeriesKey memory) {
        return _key(_s.strikeWad, _s.maturity);
    }

    /// @inheritdoc IPNVault
    function holdings() external view returns (uint256 curAmount, address secondToken, uint256 secondAmount) {
        (curAmount, secondAmount, secondToken) = _holdings(_s);
    }

    /// @inheritdoc IPNVault
    function previewDeposit(uint256 pAmount) external view returns (uint256) {
        State memory s = _s;
        if (s.phase != Phase.Holding || s.orderId != 0 || block.timestamp >= s.maturity) return 0;
        (uint256 held,,) = _holdings(s);
        return VaultMath.sharesFor(pAmount, held, totalSupply());
    }

    /// @inheritdoc IPNVault
    function previewWithdraw(uint256 shares) external view returns (uint256 curOut, uint256 secondOut) {
        (uint256 curHeld, uint256 secondHeld,) = _holdings(_s);
        uint256 supply = totalSupply();
        return (VaultMath.claimOf(shares, curHeld, supply), VaultMath.claimOf(shares, secondHeld, supply));
    }

    /// @inheritdoc IPNVault
    function nextRoll() external view returns (uint256 scheduledAt, uint256 signalBelowWad, uint256 signalAllowedAt) {
        return _nextRoll(_s, _rules());
    }

    /// @inheritdoc IPNVault
    function canClose() external view returns (bool) {
        uint256 orderId = _s.orderId;
        return
            orderId != 0 && (block.timestamp >= _s.deadline || IPNMarket(market).orderOf(orderId).maker == address(0));
    }

    /// @inheritdoc IPNVault
    function previewTrigger(uint256, uint256) external view returns (Plan memory plan, bytes memory err) {
        return abi.decode(_engineView(), (Plan, bytes));
    }

    /// @inheritdoc IPNVault
    function canTrigger(uint256, uint256) external view returns (bool) {
        return abi.decode(_engineView(), (bool));
    }

    /// @inheritdoc IPNVault
    function canReenter() external view returns (bool) {
        return abi.decode(_engineView(), (bool));
    }

    /// @notice Plumbing for the keeper views above: runs `data` in the engine on this contract's storage. Callable
    /// only by the vault itself, which calls it inside a static call (so nothing can be written).
    function viewOnEngine(bytes calldata data) external returns (bytes memory ret) {
        if (msg.sender != address(this)) revert OnlySelf(msg.sender);
        bool ok;
        (ok, ret) = engine.delegatecall(data);
        if (!ok) _revertWith(ret);
    }

    /// @dev This call's view, run in the engine on this contract's storage (a static call to `viewOnEngine`).
    function _engineView() private view returns (bytes memory) {
        (bool ok, bytes memory ret) = address(this).staticcall(abi.encodeCall(this.viewOnEngine, (msg.data)));
        if (!ok) _revertWith(ret);
        return abi.decode(ret, (bytes));
    }

    /*//////////////////////////////////////////////////////////////
                                 TOKEN
    //////////////////////////////////////////////////////////////*/

    function name() public view override returns (string memory) {
        return LibString.fromSmallString(_name);
    }

    function symbol() public view override returns (string memory) {
        return LibString.fromSmallString(_symbol);
    }

    function _constantNameHash() internal view override returns (bytes32) {
        return _nameHash;
    }

    /// @dev Always transient storage (EIP-1153), as the core and the market.
    function _useTransientReentrancyGuardOnlyOnMainnet() internal pure override returns (bool) {
        return false;
    }
}
